namespace Quickstep.Aws;

/// <summary>
/// An error a service answers with: its code as the service names it (<c>QueueDoesNotExist</c>,
/// <c>NotFound</c>, <c>NoSuchBucket</c>), the HTTP status it comes with, and whether the caller (Sender) or the
/// service (Receiver) is at fault. Each protocol adapter writes it in its own error shape.
/// </summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(string code, string message, int statusCode = 400, bool senderFault = true)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
        SenderFault = senderFault;
    }

    public AwsServiceException()
        : this("InternalFailure", "An internal error occurred.", 500, false)
    {
    }

    public AwsServiceException(string message)
        : this("ValidationError", message)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "InternalFailure";
        StatusCode = 500;
    }

    public string Code { get; }

    public int StatusCode { get; }

    public bool SenderFault { get; }

    /// <summary>
    /// The code of the service's older query protocol where it differs (SQS: <c>AWS.SimpleQueueService.NonExistentQueue</c>
    /// for <c>QueueDoesNotExist</c>); the AWS JSON answer carries it in <c>x-amzn-query-error</c>.
    /// </summary>
    public string? QueryErrorCode { get; init; }
}
