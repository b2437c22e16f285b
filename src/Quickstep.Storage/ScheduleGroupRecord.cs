namespace Quickstep.Storage;

/// <summary>An EventBridge Scheduler schedule group.</summary>
public sealed record ScheduleGroupRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public DateTimeOffset CreationDate { get; init; }

    public DateTimeOffset LastModificationDate { get; init; }
}
