namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge connections in the same SQLite file as executions, written through the store's single writer.</summary>
public sealed class SqliteConnectionStore : SqlConnectionStore
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS event_connections(name TEXT PRIMARY KEY, arn TEXT NOT NULL, json TEXT NOT NULL);";

    private readonly SqliteStore _store;

    public SqliteConnectionStore(SqliteStore store)
        : base(new SqliteStatements(store)) => _store = store;

    public override Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec(Schema), cancellationToken);
}
