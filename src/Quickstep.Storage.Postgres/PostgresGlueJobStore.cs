using Npgsql;
using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>Glue jobs and their runs in PostgreSQL, shared by every node: each run names the node running it and carries a stop request.</summary>
public sealed class PostgresGlueJobStore : SqlGlueJobStore, IGlueJobStore
{
    private const string RunColumns = "id,job_name,started,json,node,stop_requested";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE glue_jobs(name text COLLATE "C" PRIMARY KEY, json text NOT NULL);
        CREATE TABLE glue_job_runs(id text COLLATE "C" PRIMARY KEY, job_name text COLLATE "C" NOT NULL, started bigint NOT NULL, json text NOT NULL);
        CREATE INDEX ix_glue_job_runs_job ON glue_job_runs(job_name);
        """,
        "ALTER TABLE glue_job_runs ADD COLUMN node text, ADD COLUMN stop_requested boolean NOT NULL DEFAULT false;",
    ];

    private readonly PostgresDatabase _db;

    public PostgresGlueJobStore(PostgresDatabase database)
        : base(new PostgresStatements(database, "glue", Migrations)) => _db = database;

    public async Task<GlueJobRecord?> GetJobAsync(string name, CancellationToken cancellationToken = default) =>
        (await PgSql.QueryAsync(_db, "SELECT name,json FROM glue_jobs WHERE name=@n", ServiceRows.GlueJob, cancellationToken, ("n", name)).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<bool> TryCreateJobAsync(GlueJobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return await PgSql.ExecAsync(_db, "INSERT INTO glue_jobs(name,json) VALUES(@n,@j) ON CONFLICT(name) DO NOTHING", cancellationToken, ("n", job.Name), ("j", job.Json)).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<GlueJobRunRecord>> LoadRunsAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, $"SELECT {RunColumns} FROM glue_job_runs ORDER BY started, id", ReadRun, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<GlueJobRunRecord>> LoadRunsAsync(string jobName, CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, $"SELECT {RunColumns} FROM glue_job_runs WHERE job_name=@n ORDER BY started, id", ReadRun, cancellationToken, ("n", jobName)).ConfigureAwait(false);

    public async Task<IReadOnlyList<GlueJobRunRecord>> GetRunsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return await PgSql.QueryAsync(_db, $"SELECT {RunColumns} FROM glue_job_runs WHERE id = ANY(@ids)", ReadRun, cancellationToken, ("ids", ids.ToArray())).ConfigureAwait(false);
    }

    public async Task<bool> RequestStopAsync(string id, CancellationToken cancellationToken = default) =>
        await PgSql.ExecAsync(_db, "UPDATE glue_job_runs SET stop_requested=true WHERE id=@i", cancellationToken, ("i", id)).ConfigureAwait(false) > 0;

    /// <summary>The nodes' leases are the core store's (quickstep_nodes, in milliseconds); a node that stopped gave its lease up.</summary>
    public async Task<IReadOnlyList<string>> LiveNodesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, "SELECT id FROM quickstep_nodes WHERE expires_at >= @now", r => r.GetString(0), cancellationToken, ("now", PgSql.Ms(now))).ConfigureAwait(false);

    public Task SaveRunAsync(GlueJobRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PgSql.ExecAsync(_db,
            "INSERT INTO glue_job_runs(id,job_name,started,json,node) VALUES(@i,@n,@s,@j,@o) ON CONFLICT(id) DO UPDATE SET job_name=excluded.job_name, started=excluded.started, json=excluded.json, node=excluded.node",
            cancellationToken, ("i", run.Id), ("n", run.JobName), ("s", run.StartedMs), ("j", run.Json), ("o", run.Node));
    }

    private static GlueJobRunRecord ReadRun(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3)) { Node = PgSql.NullableString(r, 4), StopRequested = r.GetBoolean(5) };
}
