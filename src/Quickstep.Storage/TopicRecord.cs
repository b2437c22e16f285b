namespace Quickstep.Storage;

/// <summary>An SNS topic: its settable attributes (Name → value, as SNS names them) and tags.</summary>
public sealed record TopicRecord
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<ResourceTag> Tags { get; init; } = [];

    public required DateTimeOffset CreationTime { get; init; }
}
