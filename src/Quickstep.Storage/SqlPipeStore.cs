using Quickstep.Storage.Rows;

namespace Quickstep.Storage;

/// <summary>EventBridge Pipes definitions in a table of the same statements in every dialect; a dialect creates the table.</summary>
public abstract class SqlPipeStore : SqlStore, IPipeStore
{
    private const string Columns = "name,arn,desired_state,source,target,json,creation_time,update_time";

    private protected SqlPipeStore(StoreSql sql)
        : base(sql)
    {
    }

    public async Task<bool> TryCreatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return await Sql.ExecAsync($"INSERT INTO pipes({Columns}) VALUES(@n,@a,@d,@s,@t,@j,@c,@u) ON CONFLICT(name) DO NOTHING", cancellationToken, Args(pipe)).ConfigureAwait(false) > 0;
    }

    public async Task<PipeRecord?> GetPipeAsync(string name, CancellationToken cancellationToken = default) =>
        (await Sql.QueryAsync($"SELECT {Columns} FROM pipes WHERE name=@n", Read, cancellationToken, ("@n", name)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> UpdatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return await Sql.ExecAsync("UPDATE pipes SET arn=@a,desired_state=@d,source=@s,target=@t,json=@j,creation_time=@c,update_time=@u WHERE name=@n",
            cancellationToken, Args(pipe)).ConfigureAwait(false) > 0;
    }

    public async Task<bool> DeletePipeAsync(string name, CancellationToken cancellationToken = default) =>
        await Sql.ExecAsync("DELETE FROM pipes WHERE name=@n", cancellationToken, ("@n", name)).ConfigureAwait(false) > 0;

    public async Task<IReadOnlyList<PipeRecord>> ListPipesAsync(CancellationToken cancellationToken = default) =>
        await Sql.QueryAsync($"SELECT {Columns} FROM pipes ORDER BY name", Read, cancellationToken).ConfigureAwait(false);

    private static (string, object?)[] Args(PipeRecord p) =>
    [
        ("@n", p.Name), ("@a", p.Arn), ("@d", p.DesiredState), ("@s", p.Source), ("@t", p.Target), ("@j", p.Json),
        ("@c", p.CreationTime.ToUnixTimeMilliseconds()), ("@u", p.LastModifiedTime.ToUnixTimeMilliseconds()),
    ];

    private static PipeRecord Read(System.Data.Common.DbDataReader r) => new()
    {
        Name = r.GetString(0),
        Arn = r.GetString(1),
        DesiredState = r.GetString(2),
        Source = r.GetString(3),
        Target = r.GetString(4),
        Json = r.GetString(5),
        CreationTime = DbReads.Date(r, 6),
        LastModifiedTime = DbReads.Date(r, 7),
    };
}
