namespace Quickstep.Storage;

/// <summary>Durable EventBridge Scheduler state: groups, schedules with their next run, and runs awaiting delivery.</summary>
public interface IScheduleStore
{
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<bool> TryCreateGroupAsync(ScheduleGroupRecord group, CancellationToken cancellationToken = default);

    Task<ScheduleGroupRecord?> GetGroupAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes the group with its schedules and their pending runs.</summary>
    Task<bool> DeleteGroupAsync(string name, CancellationToken cancellationToken = default);

    Task<StorePage<ScheduleGroupRecord>> ListGroupsAsync(string? namePrefix, string? after, int limit, CancellationToken cancellationToken = default);

    Task<bool> TryCreateScheduleAsync(ScheduleRecord schedule, CancellationToken cancellationToken = default);

    Task<ScheduleRecord?> GetScheduleAsync(string groupName, string name, CancellationToken cancellationToken = default);

    /// <summary>Replaces a schedule (and its next run); false when it does not exist.</summary>
    Task<bool> UpdateScheduleAsync(ScheduleRecord schedule, CancellationToken cancellationToken = default);

    /// <summary>Deletes a schedule and its pending runs.</summary>
    Task<bool> DeleteScheduleAsync(string groupName, string name, CancellationToken cancellationToken = default);

    /// <summary>Schedules ordered by group then name; filters are optional.</summary>
    Task<StorePage<ScheduleRecord>> ListSchedulesAsync(string? groupName, string? namePrefix, string? state, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest next run of any schedule or pending delivery, or null when nothing is waiting.</summary>
    Task<DateTimeOffset?> EarliestDueAsync(CancellationToken cancellationToken = default);

    /// <summary>Schedules whose next run is at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<ScheduleRecord>> ListDueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Applies each advance whose schedule still has the expected next run, with its deliveries, in one transaction; returns the deliveries written.</summary>
    Task<IReadOnlyList<ScheduleDeliveryRecord>> AdvanceAsync(IReadOnlyList<ScheduleAdvance> advances, CancellationToken cancellationToken = default);

    /// <summary>Pending deliveries due at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<ScheduleDeliveryRecord>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Removes delivered (or dead-lettered) runs; deletes the schedules of those marked <see cref="ScheduleDeliveryRecord.DeleteScheduleAfter"/>.</summary>
    Task CompleteDeliveriesAsync(IReadOnlyList<ScheduleDeliveryRecord> deliveries, CancellationToken cancellationToken = default);

    /// <summary>Stores a failed delivery's next attempt.</summary>
    Task RetryDeliveryAsync(long id, DateTimeOffset due, int attempts, CancellationToken cancellationToken = default);
}
