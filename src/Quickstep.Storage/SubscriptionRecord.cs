namespace Quickstep.Storage;

/// <summary>An SNS subscription; an http/https one stays pending (with its token) until confirmed.</summary>
public sealed record SubscriptionRecord
{
    public required string Arn { get; init; }

    public required string TopicArn { get; init; }

    public required string Protocol { get; init; }

    public required string Endpoint { get; init; }

    /// <summary>RawMessageDelivery, FilterPolicy, FilterPolicyScope, RedrivePolicy, … as SNS names them.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public bool PendingConfirmation { get; init; }

    public string? Token { get; init; }

    public required DateTimeOffset CreationTime { get; init; }
}
