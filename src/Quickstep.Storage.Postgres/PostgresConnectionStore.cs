namespace Quickstep.Storage.Postgres;

/// <summary>EventBridge connections in PostgreSQL, shared by every node.</summary>
public sealed class PostgresConnectionStore : SqlConnectionStore
{
    private static readonly string[] Migrations =
    [
        """CREATE TABLE event_connections(name text COLLATE "C" PRIMARY KEY, arn text NOT NULL, json text NOT NULL)""",
    ];

    private readonly PostgresDatabase _db;

    public PostgresConnectionStore(PostgresDatabase database)
        : base(new PostgresStatements(database ?? throw new ArgumentNullException(nameof(database)))) => _db = database;

    public override Task InitializeAsync(CancellationToken cancellationToken = default) => _db.MigrateAsync("event_connections", Migrations, cancellationToken);
}
