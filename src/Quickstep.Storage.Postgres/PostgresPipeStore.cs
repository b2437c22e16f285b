namespace Quickstep.Storage.Postgres;

/// <summary>EventBridge Pipes definitions in PostgreSQL, shared by every node.</summary>
public sealed class PostgresPipeStore(PostgresDatabase database) : SqlPipeStore(new PostgresStatements(database, "pipes", Migrations))
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE pipes(
            name text COLLATE "C" PRIMARY KEY, arn text NOT NULL, desired_state text NOT NULL, source text NOT NULL, target text NOT NULL,
            json text NOT NULL, creation_time bigint NOT NULL, update_time bigint NOT NULL)
        """,
    ];
}
