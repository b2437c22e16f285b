namespace Quickstep.Storage.Postgres;

/// <summary>EventBridge connections in PostgreSQL, shared by every node.</summary>
public sealed class PostgresConnectionStore(PostgresDatabase database) : SqlConnectionStore(new PostgresStatements(database, "event_connections", Migrations))
{
    private static readonly string[] Migrations =
    [
        """CREATE TABLE event_connections(name text COLLATE "C" PRIMARY KEY, arn text NOT NULL, json text NOT NULL)""",
    ];
}
