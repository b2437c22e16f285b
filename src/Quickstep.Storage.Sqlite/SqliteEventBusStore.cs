using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge buses and accepted events in the same SQLite file as executions, written through the store's single writer.</summary>
public sealed class SqliteEventBusStore : IEventBusStore
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

    private readonly SqliteStore _store;

    public SqliteEventBusStore(SqliteStore store) => _store = store;

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec(Schema), cancellationToken);

    public Task<bool> TryCreateEventBusAsync(EventBusRecord bus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        return _store.WriteAsync(w => w.Exec(
            "INSERT INTO event_buses(name,arn,description,tags,creation_date,update_date) VALUES($n,$a,$d,$t,$c,$u) ON CONFLICT(name) DO NOTHING",
            ("$n", bus.Name), ("$a", bus.Arn), ("$d", bus.Description), ("$t", StoreJson.TagsText(bus.Tags)),
            ("$c", bus.CreationTime.ToUnixTimeMilliseconds()), ("$u", bus.LastModifiedTime.ToUnixTimeMilliseconds())) > 0, cancellationToken);
    }

    public async Task<IReadOnlyList<EventBusRecord>> ListEventBusesAsync(CancellationToken cancellationToken = default) =>
        await _store.Database.QueryAsync($"SELECT {ServiceRows.EventBusColumns} FROM event_buses ORDER BY name", ServiceRows.EventBus, cancellationToken).ConfigureAwait(false);

    public Task<bool> DeleteEventBusAsync(string name, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("DELETE FROM event_buses WHERE name=$n", ("$n", name)) > 0, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> AppendEventsAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return _store.WriteAsync<IReadOnlyList<StoredEvent>>(w =>
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
        await _store.Database.QueryAsync("SELECT seq,id,bus,json,received FROM bus_events WHERE delivered=0 AND seq>$s ORDER BY seq LIMIT $l", ServiceRows.Event, cancellationToken,
            ("$s", afterSequence), ("$l", limit)).ConfigureAwait(false);

    public Task MarkDeliveredAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return _store.WriteAsync(w =>
        {
            foreach (var s in sequences)
                w.Exec("UPDATE bus_events SET delivered=1 WHERE seq=$s", ("$s", s));
            return true;
        }, cancellationToken);
    }
}
