using Quickstep.Aws;

namespace Quickstep.Services.Sqs;

/// <summary>
/// SQS's errors: the AWS JSON name (<c>__type</c>) and the older query code the SDKs read from
/// <c>x-amzn-query-error</c> (the <c>awsQueryError</c> traits of the service model), with SQS's wording.
/// </summary>
internal static class SqsErrors
{
    public static AwsServiceException QueueDoesNotExist() =>
        Make("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");

    public static AwsServiceException InvalidParameterValue(string message) => Make("InvalidParameterValue", "InvalidParameterValue", message);

    public static AwsServiceException InvalidParameter(string parameter, string value, string reason) =>
        InvalidParameterValue($"Value {value} for parameter {parameter} is invalid. Reason: {reason}");

    public static AwsServiceException MissingParameter(string name) =>
        Make("MissingParameter", "MissingParameter", $"The request must contain the parameter {name}.");

    public static AwsServiceException InvalidAttributeName(string name) =>
        Make("InvalidAttributeName", "InvalidAttributeName", $"Unknown Attribute {name}.");

    public static AwsServiceException InvalidAttributeValue(string name, string? reason = null) =>
        Make("InvalidAttributeValue", "InvalidAttributeValue", reason is null ? $"Invalid value for the parameter {name}." : $"Invalid value for the parameter {name}. Reason: {reason}");

    public static AwsServiceException QueueNameExists(string attribute) =>
        Make("QueueNameExists", "QueueAlreadyExists", $"A queue already exists with the same name and a different value for attribute {attribute}");

    public static AwsServiceException QueueDeletedRecently() =>
        Make("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", "You must wait 60 seconds after deleting a queue before you can create another with the same name.");

    public static AwsServiceException TooManyEntries(int count) =>
        Make("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", $"Maximum number of entries per request are 10. You have sent {count}.");

    public static AwsServiceException EmptyBatch(string entryShape) =>
        Make("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", $"There should be at least one {entryShape} in the request.");

    public static AwsServiceException IdsNotDistinct(string id) =>
        Make("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", $"Id {id} repeated.");

    public static AwsServiceException InvalidBatchEntryId() =>
        Make("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");

    public static AwsServiceException BatchRequestTooLong(int limit, long size) =>
        Make("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", $"Batch requests cannot be longer than {limit} bytes. You have sent {size} bytes.");

    public static AwsServiceException ReceiptHandleIsInvalid(string handle) =>
        Make("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", $"The input receipt handle \"{handle}\" is not a valid receipt handle.");

    public static AwsServiceException MessageNotInflight() =>
        Make("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", "The message referred to isn't in flight.");

    public static AwsServiceException PurgeQueueInProgress(string url) =>
        Make("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", $"Only one PurgeQueue operation on {url} is allowed every 60 seconds.");

    public static AwsServiceException InvalidMessageContents() =>
        Make("InvalidMessageContents", "InvalidMessageContents", "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");

    public static AwsServiceException Serialization(string message) => Make("SerializationException", null, message);

    public static AwsServiceException UnknownOperation(string operation) =>
        Make("UnknownOperationException", null, $"The operation {operation} is not supported by this SQS endpoint.");

    private static AwsServiceException Make(string code, string? queryCode, string message) => new(code, message) { QueryErrorCode = queryCode };
}
