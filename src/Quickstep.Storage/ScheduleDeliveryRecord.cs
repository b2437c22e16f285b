namespace Quickstep.Storage;

/// <summary>
/// One run of a schedule handed to delivery: written in the same transaction that advances the schedule's next run,
/// removed when the target accepted it (or it went to the dead-letter queue), so a run is neither lost nor repeated
/// across a restart.
/// </summary>
public sealed record ScheduleDeliveryRecord
{
    /// <summary>Assigned by the store.</summary>
    public long Id { get; init; }

    public required string GroupName { get; init; }

    public required string Name { get; init; }

    /// <summary>The run's nominal time (before any flexible-window offset).</summary>
    public DateTimeOffset ScheduledTime { get; init; }

    /// <summary>When to try the delivery (the flexible-window offset, then retry backoff).</summary>
    public DateTimeOffset Due { get; init; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>What to deliver: the schedule's ARN, target and retry settings at the time of the run, as JSON text.</summary>
    public required string Json { get; init; }

    /// <summary>Delete the schedule after this delivery (ActionAfterCompletion DELETE on its last run).</summary>
    public bool DeleteScheduleAfter { get; init; }
}
