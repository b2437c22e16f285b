namespace Quickstep.Storage;

/// <summary>
/// Named leader leases: work that must run once across the nodes sharing a store (schedules, scheduled rules,
/// pipes, the retention purge) runs on the node holding its lease. A lease is held until it expires unless
/// its holder renews it; then any node may take it over.
/// </summary>
public interface ILeaseStore
{
    /// <summary>How long a lease lasts without being renewed.</summary>
    TimeSpan Duration { get; }

    /// <summary>Takes the lease when it is free or expired, or renews it when this node holds it; true when this node holds it now.</summary>
    Task<bool> TryHoldAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up (on shutdown) so another node takes it over at once.</summary>
    Task ReleaseAsync(string name, CancellationToken cancellationToken = default);
}
