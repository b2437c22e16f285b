namespace Quickstep.Storage;

/// <summary>Moves a schedule's next run from <see cref="ExpectedNextFire"/> to <see cref="NewNextFire"/> and records its runs, atomically.</summary>
public sealed record ScheduleAdvance(string GroupName, string Name, DateTimeOffset ExpectedNextFire, DateTimeOffset? NewNextFire, IReadOnlyList<ScheduleDeliveryRecord> Deliveries);
