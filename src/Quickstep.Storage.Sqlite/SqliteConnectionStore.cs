namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge connections in the same SQLite file as executions, written through the store's single writer.</summary>
public sealed class SqliteConnectionStore(SqliteStore store) : SqlConnectionStore(new SqliteStatements(store, Schema))
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS event_connections(name TEXT PRIMARY KEY, arn TEXT NOT NULL, json TEXT NOT NULL);";
}
