namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge Pipes definitions in the server's SQLite file.</summary>
public sealed class SqlitePipeStore(SqliteStore store) : SqlPipeStore(new SqliteStatements(store, Schema))
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS pipes(
            name TEXT PRIMARY KEY, arn TEXT NOT NULL, desired_state TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
            json TEXT NOT NULL, creation_time INTEGER NOT NULL, update_time INTEGER NOT NULL);
        """;
}
