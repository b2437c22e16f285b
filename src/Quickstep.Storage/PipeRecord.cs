namespace Quickstep.Storage;

/// <summary>An EventBridge pipe: its name, desired state and definition (DescribePipe's members) as JSON text.</summary>
public sealed record PipeRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    /// <summary>RUNNING or STOPPED.</summary>
    public required string DesiredState { get; init; }

    public required string Source { get; init; }

    public required string Target { get; init; }

    public required string Json { get; init; }

    public DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset LastModifiedTime { get; init; }
}
