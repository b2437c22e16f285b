namespace Quickstep.Storage;

/// <summary>
/// An EventBridge Scheduler schedule: its key, state and next run as columns (the runner queries them), and the
/// rest of its definition as the service's JSON document.
/// </summary>
public sealed record ScheduleRecord
{
    public required string GroupName { get; init; }

    public required string Name { get; init; }

    public required string Arn { get; init; }

    /// <summary>ENABLED or DISABLED.</summary>
    public required string State { get; init; }

    /// <summary>The schedule's definition (GetSchedule's output plus the rate anchor), as JSON text.</summary>
    public required string Json { get; init; }

    /// <summary>The next run not yet handed to delivery; null when disabled or finished.</summary>
    public DateTimeOffset? NextFire { get; init; }

    /// <summary>The target's ARN (for listing without parsing the document).</summary>
    public required string TargetArn { get; init; }

    public DateTimeOffset CreationDate { get; init; }

    public DateTimeOffset LastModificationDate { get; init; }
}
