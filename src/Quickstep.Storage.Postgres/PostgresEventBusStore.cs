using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// EventBridge buses and the delivery outbox (every accepted event until it is marked delivered) in PostgreSQL,
/// shared by every node. Listing undelivered events claims them: a listed event is hidden from every other
/// caller (on any node) until <see cref="PostgresServiceStoreOptions.ClaimLease"/> passes or it is marked
/// delivered, so two nodes resuming the outbox at once do not both deliver it; a node that dies holding a
/// claim only delays those events by the lease (at least once). With <see cref="PostgresServiceStoreOptions.NodeId"/>
/// an event also belongs to the node that accepted (or took over) it for as long as that node's lease in
/// quickstep_nodes lasts: listing skips them, and takes them over once that lease expired (the node died).
/// </summary>
public sealed class PostgresEventBusStore : SqlEventBusStore, IEventBusStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE event_buses(
            name text COLLATE "C" PRIMARY KEY, arn text NOT NULL, description text, tags text NOT NULL,
            creation_date bigint NOT NULL, update_date bigint NOT NULL);
        CREATE TABLE bus_events(
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id text NOT NULL, bus text NOT NULL, json text NOT NULL,
            received bigint NOT NULL, delivered boolean NOT NULL DEFAULT false, claimed_until bigint);
        CREATE INDEX ix_bus_events_pending ON bus_events(seq) WHERE NOT delivered;
        """,
        "ALTER TABLE bus_events ADD COLUMN owner text",
    ];

    /// <summary>Skips events whose owner's node lease is live (the owner delivers them); events of expired or forgotten nodes pass.</summary>
    private const string LiveOwnerFilter = " AND (owner IS NULL OR owner NOT IN (SELECT id FROM quickstep_nodes WHERE expires_at >= @now))";

    private static readonly string ClaimAny = ClaimSql("");
    private static readonly string ClaimUnowned = ClaimSql(LiveOwnerFilter);

    private readonly PostgresDatabase _db;
    private readonly PostgresServiceStoreOptions _options;

    public PostgresEventBusStore(PostgresDatabase database, PostgresServiceStoreOptions? options = null)
        : base(new PostgresStatements(database, "event_buses", Migrations))
    {
        _db = database;
        _options = options ?? new PostgresServiceStoreOptions();
    }

    public Task<IReadOnlyList<StoredEvent>> AppendEventsAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return PgSql.InTransactionAsync<IReadOnlyList<StoredEvent>>(_db, async (c, t) =>
        {
            var stored = new StoredEvent[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var seq = (long)(await PgSql.ScalarAsync(c, t, "INSERT INTO bus_events(id,bus,json,received,owner) VALUES(@i,@b,@j,@r,@o) RETURNING seq", cancellationToken,
                    ("i", e.Id), ("b", e.EventBusName), ("j", e.Json), ("r", PgSql.Ms(e.ReceivedTime)), ("o", _options.NodeId)).ConfigureAwait(false))!;
                stored[i] = e with { Sequence = seq };
            }

            return stored;
        }, cancellationToken);
    }

    /// <summary>
    /// Undelivered events after <paramref name="afterSequence"/> that no node holds (a live claim, or with a node id a
    /// live owner), claimed for this caller: a node's own events are never listed to it again.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ListUndeliveredEventsAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        var now = PgSql.Ms(_options.TimeProvider.GetUtcNow());
        var list = await PgSql.QueryAsync(_db, _options.NodeId is null ? ClaimAny : ClaimUnowned, ServiceRows.Event, cancellationToken, ("until", now + (long)_options.ClaimLease.TotalMilliseconds), ("after", afterSequence), ("now", now), ("l", limit), ("me", _options.NodeId)).ConfigureAwait(false);
        list.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return list;
    }

    private static string ClaimSql(string ownerFilter) => $"""
        UPDATE bus_events e SET claimed_until=@until, owner=@me
        FROM (SELECT seq FROM bus_events WHERE NOT delivered AND seq>@after AND (claimed_until IS NULL OR claimed_until<=@now){ownerFilter}
              ORDER BY seq LIMIT @l FOR UPDATE SKIP LOCKED) picked
        WHERE e.seq=picked.seq
        RETURNING e.seq,e.id,e.bus,e.json,e.received
        """;

    public Task MarkDeliveredAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return sequences.Count == 0
            ? Task.CompletedTask
            : PgSql.ExecAsync(_db, "UPDATE bus_events SET delivered=true, claimed_until=NULL WHERE seq = ANY(@s)", cancellationToken, ("s", sequences.ToArray()));
    }
}
