using System.Collections.Concurrent;
using Quickstep.Services.Sns;

namespace Quickstep.Services.Tests.Sns;

/// <summary>Records what SNS hands to SQS; queues named "missing…" refuse, as a deleted queue would.</summary>
internal sealed class RecordingQueues : ISqsDeliveryTarget
{
    public ConcurrentQueue<(string Queue, string Body)> Sent { get; } = new();

    public Task SendAsync(string queueArn, string body, IReadOnlyDictionary<string, SnsMessageAttribute> messageAttributes, string? groupId, string? deduplicationId, CancellationToken cancellationToken)
    {
        if (queueArn.EndsWith(":missing", StringComparison.Ordinal))
            throw new InvalidOperationException("no such queue");
        Sent.Enqueue((queueArn, body));
        return Task.CompletedTask;
    }
}
