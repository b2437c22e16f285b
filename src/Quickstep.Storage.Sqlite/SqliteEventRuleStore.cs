namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge rules in the same SQLite file as the buses and their events, written through the store's single writer.</summary>
public sealed class SqliteEventRuleStore(SqliteStore store) : SqlEventRuleStore(new SqliteStatements(store, Schema)), IEventRuleStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS event_rules(
            bus TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY(bus, name));
        CREATE TABLE IF NOT EXISTS event_rules_version(id INTEGER PRIMARY KEY, version INTEGER NOT NULL);
        INSERT OR IGNORE INTO event_rules_version(id, version) VALUES(0, 0);
        """;

    private const string CountChange = "UPDATE event_rules_version SET version = version + 1 WHERE id = 0";

    public Task PutRuleAsync(EventRuleRecord rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return store.WriteAsync(w =>
        {
            w.Exec(CountChange);
            return w.Exec(
                "INSERT INTO event_rules(bus,name,json) VALUES($b,$n,$j) ON CONFLICT(bus,name) DO UPDATE SET json=excluded.json",
                ("$b", rule.EventBusName), ("$n", rule.Name), ("$j", rule.Json));
        }, cancellationToken);
    }

    public Task DeleteRuleAsync(string eventBusName, string name, CancellationToken cancellationToken = default) =>
        store.WriteAsync(w =>
        {
            w.Exec(CountChange);
            return w.Exec("DELETE FROM event_rules WHERE bus=$b AND name=$n", ("$b", eventBusName), ("$n", name));
        }, cancellationToken);
}
