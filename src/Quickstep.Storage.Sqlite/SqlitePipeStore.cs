namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge Pipes definitions in the server's SQLite file.</summary>
public sealed class SqlitePipeStore : IPipeStore
{
    private const string Columns = "name,arn,desired_state,source,target,json,creation_time,update_time";

    private readonly SqliteStore _store;

    public SqlitePipeStore(SqliteStore store) => _store = store;

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("""
            CREATE TABLE IF NOT EXISTS pipes(
                name TEXT PRIMARY KEY, arn TEXT NOT NULL, desired_state TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
                json TEXT NOT NULL, creation_time INTEGER NOT NULL, update_time INTEGER NOT NULL);
            """), cancellationToken);

    public Task<bool> TryCreatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return _store.WriteAsync(w => w.Exec($"INSERT INTO pipes({Columns}) VALUES($n,$a,$d,$s,$t,$j,$c,$u) ON CONFLICT(name) DO NOTHING", Args(pipe)) > 0, cancellationToken);
    }

    public async Task<PipeRecord?> GetPipeAsync(string name, CancellationToken cancellationToken = default)
    {
        var list = await QueryAsync($"SELECT {Columns} FROM pipes WHERE name=$n", cancellationToken, ("$n", name)).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    public Task<bool> UpdatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return _store.WriteAsync(w => w.Exec("UPDATE pipes SET arn=$a,desired_state=$d,source=$s,target=$t,json=$j,creation_time=$c,update_time=$u WHERE name=$n", Args(pipe)) > 0, cancellationToken);
    }

    public Task<bool> DeletePipeAsync(string name, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("DELETE FROM pipes WHERE name=$n", ("$n", name)) > 0, cancellationToken);

    public Task<IReadOnlyList<PipeRecord>> ListPipesAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM pipes ORDER BY name", cancellationToken);

    private static (string, object?)[] Args(PipeRecord p) =>
    [
        ("$n", p.Name), ("$a", p.Arn), ("$d", p.DesiredState), ("$s", p.Source), ("$t", p.Target), ("$j", p.Json),
        ("$c", SqliteStore.Ms(p.CreationTime)), ("$u", SqliteStore.Ms(p.LastModifiedTime)),
    ];

    private async Task<IReadOnlyList<PipeRecord>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        await using var c = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = SqliteStore.Command(c, null, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<PipeRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new PipeRecord
            {
                Name = r.GetString(0),
                Arn = r.GetString(1),
                DesiredState = r.GetString(2),
                Source = r.GetString(3),
                Target = r.GetString(4),
                Json = r.GetString(5),
                CreationTime = SqliteStore.Date(r.GetInt64(6)),
                LastModifiedTime = SqliteStore.Date(r.GetInt64(7)),
            });
        }

        return list;
    }
}
