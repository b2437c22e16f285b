using Quickstep.Storage.Rows;

namespace Quickstep.Storage;

/// <summary>EventBridge connections in a table of the same statements in every dialect; a dialect creates the table.</summary>
public abstract class SqlConnectionStore : SqlStore, IConnectionStore
{
    private protected SqlConnectionStore(StoreSql sql)
        : base(sql)
    {
    }

    public async Task<IReadOnlyList<ConnectionRecord>> ListConnectionsAsync(CancellationToken cancellationToken = default) =>
        await Sql.QueryAsync($"SELECT {ServiceRows.ConnectionColumns} FROM event_connections ORDER BY name", ServiceRows.Connection, cancellationToken).ConfigureAwait(false);

    public Task PutConnectionAsync(ConnectionRecord connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Sql.ExecAsync(
            "INSERT INTO event_connections(name,arn,json) VALUES(@n,@a,@j) ON CONFLICT(name) DO UPDATE SET arn=excluded.arn, json=excluded.json",
            cancellationToken, ("@n", connection.Name), ("@a", connection.Arn), ("@j", connection.Json));
    }

    public async Task<bool> DeleteConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        await Sql.ExecAsync("DELETE FROM event_connections WHERE name=@n", cancellationToken, ("@n", name)).ConfigureAwait(false) > 0;
}
