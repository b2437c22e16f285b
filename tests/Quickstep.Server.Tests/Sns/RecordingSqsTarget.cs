using System.Collections.Concurrent;
using Quickstep.Services.Sns;

namespace Quickstep.Server.Tests.Sns;

/// <summary>Stands in for SQS behind SNS: records every delivery per queue ARN.</summary>
public sealed class RecordingSqsTarget : ISqsDeliveryTarget
{
    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public Task SendAsync(string queueArn, string body, IReadOnlyDictionary<string, SnsMessageAttribute> messageAttributes, string? groupId, string? deduplicationId, CancellationToken cancellationToken)
    {
        Deliveries.Enqueue(new Delivery(queueArn, body, new Dictionary<string, SnsMessageAttribute>(messageAttributes), groupId, deduplicationId));
        return Task.CompletedTask;
    }

    public List<Delivery> To(string queueName) => [.. Deliveries.Where(d => d.QueueArn == "arn:aws:sqs:us-east-1:123456789012:" + queueName)];

    public sealed record Delivery(string QueueArn, string Body, Dictionary<string, SnsMessageAttribute> Attributes, string? GroupId, string? DeduplicationId);
}
