using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge buses and accepted events in the same SQLite file as executions, written through the store's single writer.</summary>
public sealed class SqliteEventBusStore(SqliteStore store) : SqlEventBusStore(new SqliteStatements(store, Schema)), IEventBusStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS event_buses(
            name TEXT PRIMARY KEY, arn TEXT NOT NULL, description TEXT, tags TEXT NOT NULL,
            creation_date INTEGER NOT NULL, update_date INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS bus_events(
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL, bus TEXT NOT NULL, json TEXT NOT NULL,
            received INTEGER NOT NULL, delivered INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS ix_bus_events_pending ON bus_events(delivered, seq);
        """;

    public Task<IReadOnlyList<StoredEvent>> AppendEventsAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return store.WriteAsync<IReadOnlyList<StoredEvent>>(w =>
        {
            var stored = new StoredEvent[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var seq = (long)w.Scalar(
                    "INSERT INTO bus_events(id,bus,json,received) VALUES($i,$b,$j,$r) RETURNING seq",
                    ("$i", e.Id), ("$b", e.EventBusName), ("$j", e.Json), ("$r", e.ReceivedTime.ToUnixTimeMilliseconds()))!;
                stored[i] = e with { Sequence = seq };
            }

            return stored;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredEvent>> ListUndeliveredEventsAsync(long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        await store.Database.QueryAsync("SELECT seq,id,bus,json,received FROM bus_events WHERE delivered=0 AND seq>$s ORDER BY seq LIMIT $l", ServiceRows.Event, cancellationToken,
            ("$s", afterSequence), ("$l", limit)).ConfigureAwait(false);

    public Task MarkDeliveredAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return store.WriteAsync(w =>
        {
            foreach (var s in sequences)
                w.Exec("UPDATE bus_events SET delivered=1 WHERE seq=$s", ("$s", s));
            return true;
        }, cancellationToken);
    }
}
