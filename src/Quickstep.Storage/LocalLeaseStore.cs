namespace Quickstep.Storage;

/// <summary>The leases of a store no other node shares (SQLite): this node always holds them.</summary>
public sealed class LocalLeaseStore : ILeaseStore
{
    public static LocalLeaseStore Instance { get; } = new();

    public TimeSpan Duration => Timeout.InfiniteTimeSpan;

    public Task<bool> TryHoldAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task ReleaseAsync(string name, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
