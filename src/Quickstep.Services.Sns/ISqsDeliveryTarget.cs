namespace Quickstep.Services.Sns;

/// <summary>
/// Where SNS hands a message for an <c>sqs</c> subscription: the host implements it with the local SQS service (or a
/// forwarding client). A failure (e.g. the queue does not exist) throws; SNS then tries the subscription's
/// dead-letter queue.
/// </summary>
public interface ISqsDeliveryTarget
{
    /// <param name="messageAttributes">SQS message attributes (raw delivery only; empty otherwise).</param>
    /// <param name="groupId">MessageGroupId for a FIFO queue, else null.</param>
    /// <param name="deduplicationId">MessageDeduplicationId for a FIFO queue, else null.</param>
    Task SendAsync(string queueArn, string body, IReadOnlyDictionary<string, SnsMessageAttribute> messageAttributes, string? groupId, string? deduplicationId, CancellationToken cancellationToken);
}
