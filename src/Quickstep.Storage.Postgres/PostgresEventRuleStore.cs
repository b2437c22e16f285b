namespace Quickstep.Storage.Postgres;

/// <summary>
/// EventBridge rules and their targets in PostgreSQL, shared by every node. The delivery outbox (accepted events not
/// yet delivered) is the event bus store's <c>bus_events</c> table, claimed row by row (<see cref="PostgresEventBusStore"/>).
/// Every put or delete also counts up one version row in the same statement, so a node's cache of the rules knows with
/// one read whether another node changed them.
/// </summary>
public sealed class PostgresEventRuleStore : SqlEventRuleStore, IEventRuleStore
{
    private static readonly string[] Migrations =
    [
        """CREATE TABLE event_rules(bus text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, json text NOT NULL, PRIMARY KEY(bus, name))""",
        """
        CREATE TABLE event_rules_version(id integer PRIMARY KEY, version bigint NOT NULL);
        INSERT INTO event_rules_version(id, version) VALUES(0, 0);
        """,
    ];

    private const string CountChange = "WITH changed AS (UPDATE event_rules_version SET version = version + 1 WHERE id = 0) ";

    private readonly PostgresDatabase _db;

    public PostgresEventRuleStore(PostgresDatabase database)
        : base(new PostgresStatements(database, "event_rules", Migrations)) => _db = database;

    public Task PutRuleAsync(EventRuleRecord rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return PgSql.ExecAsync(_db,
            CountChange + "INSERT INTO event_rules(bus,name,json) VALUES(@b,@n,@j) ON CONFLICT(bus,name) DO UPDATE SET json=excluded.json",
            cancellationToken, ("b", rule.EventBusName), ("n", rule.Name), ("j", rule.Json));
    }

    public Task DeleteRuleAsync(string eventBusName, string name, CancellationToken cancellationToken = default) =>
        PgSql.ExecAsync(_db, CountChange + "DELETE FROM event_rules WHERE bus=@b AND name=@n", cancellationToken, ("b", eventBusName), ("n", name));
}
