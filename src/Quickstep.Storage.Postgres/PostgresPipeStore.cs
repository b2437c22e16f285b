namespace Quickstep.Storage.Postgres;

/// <summary>EventBridge Pipes definitions in PostgreSQL, shared by every node.</summary>
public sealed class PostgresPipeStore : IPipeStore
{
    private const string Columns = "name,arn,desired_state,source,target,json,creation_time,update_time";

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
        return await PgSql.ExecAsync(_db, $"INSERT INTO pipes({Columns}) VALUES(@n,@a,@d,@s,@t,@j,@c,@u) ON CONFLICT(name) DO NOTHING", cancellationToken, Args(pipe)).ConfigureAwait(false) > 0;
    }

    public async Task<PipeRecord?> GetPipeAsync(string name, CancellationToken cancellationToken = default) =>
        (await PgSql.QueryAsync(_db, $"SELECT {Columns} FROM pipes WHERE name=@n", Read, cancellationToken, ("n", name)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> UpdatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return await PgSql.ExecAsync(_db, "UPDATE pipes SET arn=@a,desired_state=@d,source=@s,target=@t,json=@j,creation_time=@c,update_time=@u WHERE name=@n",
            cancellationToken, Args(pipe)).ConfigureAwait(false) > 0;
    }

    public async Task<bool> DeletePipeAsync(string name, CancellationToken cancellationToken = default) =>
        await PgSql.ExecAsync(_db, "DELETE FROM pipes WHERE name=@n", cancellationToken, ("n", name)).ConfigureAwait(false) > 0;

    public async Task<IReadOnlyList<PipeRecord>> ListPipesAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, $"SELECT {Columns} FROM pipes ORDER BY name", Read, cancellationToken).ConfigureAwait(false);

    private static (string, object?)[] Args(PipeRecord p) =>
    [
        ("n", p.Name), ("a", p.Arn), ("d", p.DesiredState), ("s", p.Source), ("t", p.Target), ("j", p.Json),
        ("c", PgSql.Ms(p.CreationTime)), ("u", PgSql.Ms(p.LastModifiedTime)),
    ];

    private static PipeRecord Read(Npgsql.NpgsqlDataReader r) => new()
    {
        Name = r.GetString(0),
        Arn = r.GetString(1),
        DesiredState = r.GetString(2),
        Source = r.GetString(3),
        Target = r.GetString(4),
        Json = r.GetString(5),
        CreationTime = PgSql.Date(r.GetInt64(6)),
        LastModifiedTime = PgSql.Date(r.GetInt64(7)),
    };
}
