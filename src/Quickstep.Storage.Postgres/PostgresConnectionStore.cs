using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>EventBridge connections in PostgreSQL, shared by every node.</summary>
public sealed class PostgresConnectionStore : IConnectionStore
{
    private static readonly string[] Migrations =
    [
        """CREATE TABLE event_connections(name text COLLATE "C" PRIMARY KEY, arn text NOT NULL, json text NOT NULL)""",
    ];

    private readonly PostgresDatabase _db;

    public PostgresConnectionStore(PostgresDatabase database) => _db = database ?? throw new ArgumentNullException(nameof(database));

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _db.MigrateAsync("event_connections", Migrations, cancellationToken);

    public async Task<IReadOnlyList<ConnectionRecord>> ListConnectionsAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, $"SELECT {ServiceRows.ConnectionColumns} FROM event_connections ORDER BY name", ServiceRows.Connection, cancellationToken).ConfigureAwait(false);

    public Task PutConnectionAsync(ConnectionRecord connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return PgSql.ExecAsync(_db,
            "INSERT INTO event_connections(name,arn,json) VALUES(@n,@a,@j) ON CONFLICT(name) DO UPDATE SET arn=excluded.arn, json=excluded.json",
            cancellationToken, ("n", connection.Name), ("a", connection.Arn), ("j", connection.Json));
    }

    public async Task<bool> DeleteConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        await PgSql.ExecAsync(_db, "DELETE FROM event_connections WHERE name=@n", cancellationToken, ("n", name)).ConfigureAwait(false) > 0;
}
