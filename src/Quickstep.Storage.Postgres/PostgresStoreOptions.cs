namespace Quickstep.Storage.Postgres;

/// <summary>A node's view of the shared PostgreSQL store.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>This node's id in leases; default a new one per process (a restarted node is a new node).</summary>
    public string NodeId { get; init; } = "node-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>How long a node's leases last without a heartbeat (the heartbeat runs every third of it). Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The clock of leases; the nodes' clocks must agree to well within <see cref="LeaseDuration"/>. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
