using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>EventBridge Pipes definitions in PostgreSQL, shared by every node.</summary>
public sealed class PostgresPipeStore : IPipeStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE pipes(
            name text COLLATE "C" PRIMARY KEY, arn text NOT NULL, desired_state text NOT NULL, source text NOT NULL, target text NOT NULL,
            json text NOT NULL, creation_time bigint NOT NULL, update_time bigint NOT NULL)
        """,
    ];

    private readonly PostgresDatabase _db;

    public PostgresPipeStore(PostgresDatabase database) => _db = database ?? throw new ArgumentNullException(nameof(database));

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _db.MigrateAsync("pipes", Migrations, cancellationToken);

    public async Task<bool> TryCreatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return await PgSql.ExecAsync(_db, PipeRows.Insert, cancellationToken, PipeRows.Args(pipe)).ConfigureAwait(false) > 0;
    }

    public async Task<PipeRecord?> GetPipeAsync(string name, CancellationToken cancellationToken = default) =>
        (await PgSql.QueryAsync(_db, PipeRows.SelectOne, PipeRows.Read, cancellationToken, PipeRows.Name(name)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> UpdatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return await PgSql.ExecAsync(_db, PipeRows.Update, cancellationToken, PipeRows.Args(pipe)).ConfigureAwait(false) > 0;
    }

    public async Task<bool> DeletePipeAsync(string name, CancellationToken cancellationToken = default) =>
        await PgSql.ExecAsync(_db, PipeRows.Delete, cancellationToken, PipeRows.Name(name)).ConfigureAwait(false) > 0;

    public async Task<IReadOnlyList<PipeRecord>> ListPipesAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, PipeRows.SelectAll, PipeRows.Read, cancellationToken).ConfigureAwait(false);
}
