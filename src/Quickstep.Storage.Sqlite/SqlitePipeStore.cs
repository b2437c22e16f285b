namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge Pipes definitions in the server's SQLite file.</summary>
public sealed class SqlitePipeStore : SqlPipeStore
{
    private readonly SqliteStore _store;

    public SqlitePipeStore(SqliteStore store)
        : base(new SqliteStatements(store)) => _store = store;

    public override Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("""
            CREATE TABLE IF NOT EXISTS pipes(
                name TEXT PRIMARY KEY, arn TEXT NOT NULL, desired_state TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
                json TEXT NOT NULL, creation_time INTEGER NOT NULL, update_time INTEGER NOT NULL);
            """), cancellationToken);
}
