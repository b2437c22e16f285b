using System.Collections.Frozen;

namespace Quickstep.Integrations.AwsSdk;

/// <summary>
/// How Step Functions names one service's errors. SDK integrations (<c>aws-sdk:sqs:*</c>) report
/// <c>ServiceName.ErrorName</c>, both PascalCase, the error name always ending in <c>Exception</c>
/// (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html: <c>S3.BucketAlreadyExistsException</c>,
/// <c>Sqs.QueueDoesNotExistException</c>); an error the service model does not declare is the client's base exception
/// (<c>Sqs.SqsException</c>). The optimized integrations report the AWS SDK for Java 1.x names, recorded in
/// error_handling/test_task_service_sqs: <c>SQS.AmazonSQSException</c> with
/// <c>message (Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: …; Proxy: null)</c>.
/// </summary>
internal sealed class AwsServiceInfo
{
    private readonly FrozenDictionary<string, string> _modeledErrors;

    /// <summary>Signing names of the services Quickstep serves itself: never taken from the model table.</summary>
    private static readonly FrozenSet<string> BuiltIn = FrozenSet.ToFrozenSet(["sqs", "sns", "events", "s3", "glue", "states", "lambda", "scheduler", "pipes"], StringComparer.Ordinal);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, AwsServiceInfo> Modeled = new(StringComparer.Ordinal);

    /// <summary>A service only forwarded: every error code counts as modeled (<c>DynamoDb.ConditionalCheckFailedException</c>).</summary>
    private readonly bool _allErrorsModeled;

    private AwsServiceInfo(string signingName, string sdkName, string optimizedPrefix, string optimizedClient, IEnumerable<string> modeledErrors, bool allErrorsModeled = false)
    {
        _allErrorsModeled = allErrorsModeled;
        SigningName = signingName;
        SdkName = sdkName;
        OptimizedPrefix = optimizedPrefix;
        OptimizedClient = optimizedClient;
        // Entries are "Code" or "Code=ShapeName" (SNS's NotFound is the NotFoundException shape).
        _modeledErrors = modeledErrors.Select(e => e.Split('=')).ToFrozenDictionary(p => p[0], p => WithSuffix(p.Length > 1 ? p[1] : p[0]), StringComparer.Ordinal);
    }

    /// <summary>Errors each service model declares (botocore 1.43 service-2.json), by error code.</summary>
    public static AwsServiceInfo Sqs { get; } = new("sqs", "Sqs", "SQS", "AmazonSQS",
    [
        "BatchEntryIdsNotDistinct", "BatchRequestTooLong", "EmptyBatchRequest", "InvalidAddress", "InvalidAttributeName",
        "InvalidAttributeValue", "InvalidBatchEntryId", "InvalidIdFormat", "InvalidMessageContents", "InvalidSecurity",
        "KmsAccessDenied", "KmsDisabled", "KmsInvalidKeyUsage", "KmsInvalidState", "KmsNotFound", "KmsOptInRequired",
        "KmsThrottled", "MessageNotInflight", "OverLimit", "PurgeQueueInProgress", "QueueDeletedRecently", "QueueDoesNotExist",
        "QueueNameExists", "ReceiptHandleIsInvalid", "RequestThrottled", "ResourceNotFoundException", "TooManyEntriesInBatchRequest",
        "UnsupportedOperation",
    ]);

    public static AwsServiceInfo Sns { get; } = new("sns", "Sns", "SNS", "AmazonSNS",
    [
        "AuthorizationError=AuthorizationErrorException", "BatchEntryIdsNotDistinct=BatchEntryIdsNotDistinctException",
        "BatchRequestTooLong=BatchRequestTooLongException", "ConcurrentAccess=ConcurrentAccessException",
        "EmptyBatchRequest=EmptyBatchRequestException", "EndpointDisabled=EndpointDisabledException",
        "FilterPolicyLimitExceeded=FilterPolicyLimitExceededException", "InternalError=InternalErrorException",
        "InvalidBatchEntryId=InvalidBatchEntryIdException", "InvalidParameter=InvalidParameterException",
        "InvalidSecurity=InvalidSecurityException", "InvalidState=InvalidStateException", "KMSAccessDenied=KMSAccessDeniedException",
        "KMSDisabled=KMSDisabledException", "KMSInvalidState=KMSInvalidStateException", "KMSNotFound=KMSNotFoundException",
        "KMSOptInRequired", "KMSThrottling=KMSThrottlingException", "NotFound=NotFoundException", "OptedOut=OptedOutException",
        "ParameterValueInvalid=InvalidParameterValueException", "PlatformApplicationDisabled=PlatformApplicationDisabledException",
        "ReplayLimitExceeded=ReplayLimitExceededException", "ResourceNotFound=ResourceNotFoundException", "StaleTag=StaleTagException",
        "SubscriptionLimitExceeded=SubscriptionLimitExceededException", "TagLimitExceeded=TagLimitExceededException",
        "TagPolicy=TagPolicyException", "Throttled=ThrottledException", "TooManyEntriesInBatchRequest=TooManyEntriesInBatchRequestException",
        "TopicLimitExceeded=TopicLimitExceededException", "UserError=UserErrorException", "ValidationException", "VerificationException",
    ]);

    public static AwsServiceInfo EventBridge { get; } = new("events", "EventBridge", "EventBridge", "AmazonEventBridge",
    [
        "AccessDeniedException", "ConcurrentModificationException", "IllegalStatusException", "InternalException",
        "InvalidEventPatternException", "InvalidStateException", "LimitExceededException", "ManagedRuleException",
        "OperationDisabledException", "PolicyLengthExceededException", "ResourceAlreadyExistsException",
        "ResourceNotFoundException", "ThrottlingException",
    ]);

    public static AwsServiceInfo S3 { get; } = new("s3", "S3", "S3", "AmazonS3",
    [
        "AccessDenied", "BucketAlreadyExists", "BucketAlreadyOwnedByYou", "EncryptionTypeMismatch", "IdempotencyParameterMismatch",
        "InvalidObjectState", "InvalidRequest", "InvalidWriteOffset", "NoSuchBucket", "NoSuchKey", "NoSuchUpload",
        "ObjectAlreadyInActiveTierError", "ObjectNotInActiveTierError", "TooManyParts",
    ]);

    public static AwsServiceInfo Glue { get; } = new("glue", "Glue", "Glue", "AWSGlue",
    [
        "AccessDeniedException", "AlreadyExistsException", "ColumnStatisticsTaskNotRunningException", "ColumnStatisticsTaskRunningException",
        "ColumnStatisticsTaskStoppingException", "ConcurrentModificationException", "ConcurrentRunsExceededException",
        "ConditionCheckFailureException", "ConflictException", "CrawlerNotRunningException", "CrawlerRunningException",
        "CrawlerStoppingException", "EntityNotFoundException", "FederatedResourceAlreadyExistsException", "FederationSourceException",
        "FederationSourceRetryableException", "GlueEncryptionException", "IdempotentParameterMismatchException",
        "IllegalBlueprintStateException", "IllegalSessionStateException", "IllegalWorkflowStateException",
        "IntegrationConflictOperationFault", "IntegrationNotFoundFault", "IntegrationQuotaExceededFault", "InternalServerException",
        "InternalServiceException", "InvalidInputException", "InvalidIntegrationStateFault", "InvalidStateException",
        "KMSKeyNotAccessibleFault", "MLTransformNotReadyException", "MaterializedViewRefreshTaskNotRunningException",
        "MaterializedViewRefreshTaskRunningException", "MaterializedViewRefreshTaskStoppingException", "NoScheduleException",
        "OperationNotSupportedException", "OperationTimeoutException", "PermissionTypeMismatchException", "ResourceNotFoundException",
        "ResourceNotReadyException", "ResourceNumberLimitExceededException", "SchedulerNotRunningException", "SchedulerRunningException",
        "SchedulerTransitioningException", "TargetResourceNotFound", "ThrottlingException", "ValidationException", "VersionMismatchException",
    ]);

    /// <summary>Step Functions itself (nested workflows): <c>Sfn.ExecutionDoesNotExistException</c>, optimized <c>StepFunctions.…</c>.</summary>
    public static AwsServiceInfo StepFunctions { get; } = new("states", "Sfn", "StepFunctions", "AWSStepFunctions",
    [
        "ActivityAlreadyExists", "ActivityDoesNotExist", "ActivityLimitExceeded", "ActivityWorkerLimitExceeded", "ConflictException",
        "ExecutionAlreadyExists", "ExecutionDoesNotExist", "ExecutionLimitExceeded", "ExecutionNotRedrivable", "InvalidArn",
        "InvalidDefinition", "InvalidEncryptionConfiguration", "InvalidExecutionInput", "InvalidLoggingConfiguration", "InvalidName",
        "InvalidOutput", "InvalidToken", "InvalidTracingConfiguration", "KmsAccessDeniedException", "KmsInvalidStateException",
        "KmsThrottlingException", "MissingRequiredParameter", "ResourceNotFound", "ServiceQuotaExceededException",
        "StateMachineAlreadyExists", "StateMachineDeleting", "StateMachineDoesNotExist", "StateMachineLimitExceeded",
        "StateMachineTypeNotSupported", "TaskDoesNotExist", "TaskTimedOut", "TooManyTags", "ValidationException",
    ]);

    /// <summary>The SigV4 signing name and the key of the service's <c>IAwsService</c>: <c>sqs</c>, <c>sns</c>, <c>events</c>, <c>s3</c>.</summary>
    public string SigningName { get; }

    /// <summary>The AWS SDK for Java 2.x client name, the prefix of SDK integration errors: <c>Sqs</c>, <c>EventBridge</c>.</summary>
    public string SdkName { get; }

    /// <summary>The prefix of the optimized integration's errors: <c>SQS</c>, <c>SNS</c>, <c>EventBridge</c>.</summary>
    public string OptimizedPrefix { get; }

    /// <summary>The AWS SDK for Java 1.x client: <c>AmazonSQS</c>; its base exception adds <c>Exception</c>.</summary>
    public string OptimizedClient { get; }

    /// <summary>The service of <c>arn:aws:states:::aws-sdk:SERVICE:action</c>.</summary>
    public static AwsServiceInfo? ForSdkResource(string service) => service switch
    {
        "sqs" => Sqs,
        "sns" => Sns,
        "eventbridge" => EventBridge,
        "s3" => S3,
        "glue" => Glue,
        _ => FromModel(service),
    };

    /// <summary>
    /// Any other service of the model table (forwarded when configured): its Java SDK 2.x client name from the serviceId
    /// (<c>DynamoDB</c> → <c>DynamoDb</c>, <c>CloudWatch Logs</c> → <c>CloudWatchLogs</c>); null for a built-in or unknown one.
    /// </summary>
    internal static AwsServiceInfo? FromModel(string service)
    {
        if (AwsServiceModels.ForResourceService(service) is not { } model || BuiltIn.Contains(model.SigningName) || BuiltIn.Contains(service))
            return null;
        return Modeled.GetOrAdd(model.SigningName, static (_, m) =>
        {
            var sdk = JavaClientName(m.ServiceId);
            return new AwsServiceInfo(m.SigningName, sdk, m.ServiceId.Replace(" ", string.Empty, StringComparison.Ordinal), sdk, [], allErrorsModeled: true);
        }, model);
    }

    /// <summary>The AWS SDK for Java 2.x's PascalCase of a serviceId: words and case humps, each capitalized then lower case.</summary>
    internal static string JavaClientName(string serviceId)
    {
        var sb = new System.Text.StringBuilder(serviceId.Length);
        foreach (var word in serviceId.Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            for (var i = 1; i <= word.Length; i++)
            {
                // A hump: lower → upper ("DynamoDB" → Dynamo|DB), or the end of the word.
                if (i == word.Length || (char.IsUpper(word[i]) && char.IsLower(word[i - 1])))
                {
                    sb.Append(char.ToUpperInvariant(word[start])).Append(word[(start + 1)..i].ToLowerInvariant());
                    start = i;
                }
            }
        }

        return sb.ToString();
    }

    /// <summary><c>Sqs.QueueDoesNotExistException</c>, or <c>Sqs.SqsException</c> for an error the model does not declare.</summary>
    public string SdkErrorName(string code) =>
        SdkName + "." + (_modeledErrors.TryGetValue(code, out var name) ? name : _allErrorsModeled ? WithSuffix(code) : SdkName + "Exception");

    /// <summary><c>SQS.QueueDoesNotExistException</c>, or <c>SQS.AmazonSQSException</c>.</summary>
    public string OptimizedErrorName(string code) =>
        OptimizedPrefix + "." + (_modeledErrors.TryGetValue(code, out var name) ? name : _allErrorsModeled ? WithSuffix(code) : OptimizedClient + "Exception");

    private static string WithSuffix(string name) => name.EndsWith("Exception", StringComparison.Ordinal) ? name : name + "Exception";
}
