namespace Quickstep.Storage;

/// <summary>An EventBridge event bus; <see cref="Tags"/> kept with it.</summary>
public sealed record EventBusRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<ResourceTag> Tags { get; init; } = [];

    public required DateTimeOffset CreationTime { get; init; }

    public required DateTimeOffset LastModifiedTime { get; init; }
}
