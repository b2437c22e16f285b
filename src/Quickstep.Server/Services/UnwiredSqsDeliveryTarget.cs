using Quickstep.Services.Sns;

namespace Quickstep.Server.Services;

/// <summary>Stands in for the local SQS service until it is wired to SNS: every sqs delivery fails (SNS then tries the dead-letter queue).</summary>
internal sealed class UnwiredSqsDeliveryTarget : ISqsDeliveryTarget
{
    public Task SendAsync(string queueArn, string body, IReadOnlyDictionary<string, SnsMessageAttribute> messageAttributes, string? groupId, string? deduplicationId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"SNS cannot deliver to {queueArn}: this server has no SQS service wired to SNS.");
}
