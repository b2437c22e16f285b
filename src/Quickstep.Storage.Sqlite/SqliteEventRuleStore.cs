namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge rules in the same SQLite file as the buses and their events, written through the store's single writer.</summary>
public sealed class SqliteEventRuleStore : IEventRuleStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS event_rules(
            bus TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY(bus, name));
        CREATE TABLE IF NOT EXISTS event_rules_version(id INTEGER PRIMARY KEY, version INTEGER NOT NULL);
        INSERT OR IGNORE INTO event_rules_version(id, version) VALUES(0, 0);
        """;

    private const string CountChange = "UPDATE event_rules_version SET version = version + 1 WHERE id = 0";

    private readonly SqliteStore _store;

    public SqliteEventRuleStore(SqliteStore store) => _store = store;

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec(Schema), cancellationToken);

    public async Task<IReadOnlyList<EventRuleRecord>> ListRulesAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT bus,name,json FROM event_rules ORDER BY bus,name";
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<EventRuleRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new EventRuleRecord { EventBusName = r.GetString(0), Name = r.GetString(1), Json = r.GetString(2) });
        return list;
    }

    public Task PutRuleAsync(EventRuleRecord rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _store.WriteAsync(w =>
        {
            w.Exec(CountChange);
            return w.Exec(
                "INSERT INTO event_rules(bus,name,json) VALUES($b,$n,$j) ON CONFLICT(bus,name) DO UPDATE SET json=excluded.json",
                ("$b", rule.EventBusName), ("$n", rule.Name), ("$j", rule.Json));
        }, cancellationToken);
    }

    public Task DeleteRuleAsync(string eventBusName, string name, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w =>
        {
            w.Exec(CountChange);
            return w.Exec("DELETE FROM event_rules WHERE bus=$b AND name=$n", ("$b", eventBusName), ("$n", name));
        }, cancellationToken);

    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT version FROM event_rules_version WHERE id = 0";
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
