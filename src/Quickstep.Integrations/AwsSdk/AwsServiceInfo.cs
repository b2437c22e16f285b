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

    private AwsServiceInfo(string signingName, string sdkName, string optimizedPrefix, string optimizedClient, IEnumerable<string> modeledErrors)
    {
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
        _ => null,
    };

    /// <summary><c>Sqs.QueueDoesNotExistException</c>, or <c>Sqs.SqsException</c> for an error the model does not declare.</summary>
    public string SdkErrorName(string code) =>
        SdkName + "." + (_modeledErrors.TryGetValue(code, out var name) ? name : SdkName + "Exception");

    /// <summary><c>SQS.QueueDoesNotExistException</c>, or <c>SQS.AmazonSQSException</c>.</summary>
    public string OptimizedErrorName(string code) =>
        OptimizedPrefix + "." + (_modeledErrors.TryGetValue(code, out var name) ? name : OptimizedClient + "Exception");

    private static string WithSuffix(string name) => name.EndsWith("Exception", StringComparison.Ordinal) ? name : name + "Exception";
}
