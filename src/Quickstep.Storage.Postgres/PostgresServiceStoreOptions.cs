namespace Quickstep.Storage.Postgres;

/// <summary>Settings shared by the PostgreSQL service stores.</summary>
public sealed class PostgresServiceStoreOptions
{
    /// <summary>Clock for claims that carry no time of their own (the event outbox). Default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long a node holds a claimed outbox entry (an undelivered event, a due schedule run) before another node
    /// may take it: a node that dies mid-delivery delays those deliveries by this much. Default 2 minutes.
    /// </summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The node these stores serve (<see cref="PostgresStoreOptions.NodeId"/>; the core store's quickstep_nodes must exist):
    /// events it accepts or takes over are its own while its node lease lasts, however long their delivery takes. Null
    /// (the default): the outbox knows only <see cref="ClaimLease"/>.
    /// </summary>
    public string? NodeId { get; init; }

    /// <summary>
    /// How long a stored S3 body that no record refers to is kept before a node starting up deletes it: a write on another
    /// node commits its body, then its record. Default 10 minutes.
    /// </summary>
    public TimeSpan UnreferencedBodyGrace { get; init; } = TimeSpan.FromMinutes(10);
}
