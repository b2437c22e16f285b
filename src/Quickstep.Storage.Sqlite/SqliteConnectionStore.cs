using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge connections in the same SQLite file as executions, written through the store's single writer.</summary>
public sealed class SqliteConnectionStore : IConnectionStore
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS event_connections(name TEXT PRIMARY KEY, arn TEXT NOT NULL, json TEXT NOT NULL);";

    private readonly SqliteStore _store;

    public SqliteConnectionStore(SqliteStore store) => _store = store;

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec(Schema), cancellationToken);

    public async Task<IReadOnlyList<ConnectionRecord>> ListConnectionsAsync(CancellationToken cancellationToken = default) =>
        await _store.Database.QueryAsync($"SELECT {ServiceRows.ConnectionColumns} FROM event_connections ORDER BY name", ServiceRows.Connection, cancellationToken).ConfigureAwait(false);

    public Task PutConnectionAsync(ConnectionRecord connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return _store.WriteAsync(w => w.Exec(
            "INSERT INTO event_connections(name,arn,json) VALUES($n,$a,$j) ON CONFLICT(name) DO UPDATE SET arn=excluded.arn, json=excluded.json",
            ("$n", connection.Name), ("$a", connection.Arn), ("$j", connection.Json)), cancellationToken);
    }

    public Task<bool> DeleteConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("DELETE FROM event_connections WHERE name=$n", ("$n", name)) > 0, cancellationToken);
}
