namespace Quickstep.Storage;

/// <summary>An EventBridge connection: its name and ARN, and the whole connection (secrets included) as the service's JSON.</summary>
public sealed record ConnectionRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    /// <summary>The service's own representation; the store does not look inside.</summary>
    public required string Json { get; init; }
}
