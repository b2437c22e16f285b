using Quickstep.Services.Sns;
using Quickstep.Services.Sqs;

namespace Quickstep.Server.Services;

/// <summary>SNS's sqs subscriptions delivered to this server's own SQS queues (by queue ARN).</summary>
internal sealed class SqsDeliveryTarget(SqsService sqs) : ISqsDeliveryTarget
{
    public Task SendAsync(string queueArn, string body, IReadOnlyDictionary<string, SnsMessageAttribute> messageAttributes, string? groupId, string? deduplicationId, CancellationToken cancellationToken)
    {
        Dictionary<string, SqsMessageAttribute>? attributes = null;
        if (messageAttributes.Count > 0)
        {
            attributes = new Dictionary<string, SqsMessageAttribute>(messageAttributes.Count, StringComparer.Ordinal);
            foreach (var (name, a) in messageAttributes)
                attributes[name] = new SqsMessageAttribute(a.DataType, a.StringValue, a.BinaryValue is { } b ? new ReadOnlyMemory<byte>(b) : null);
        }

        return sqs.SendMessageAsync(queueArn, body, attributes, groupId, deduplicationId, null, cancellationToken);
    }
}
