using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>Glue jobs and their runs in PostgreSQL, shared by every node.</summary>
public sealed class PostgresGlueJobStore : IGlueJobStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE glue_jobs(name text COLLATE "C" PRIMARY KEY, json text NOT NULL);
        CREATE TABLE glue_job_runs(id text COLLATE "C" PRIMARY KEY, job_name text COLLATE "C" NOT NULL, started bigint NOT NULL, json text NOT NULL);
        CREATE INDEX ix_glue_job_runs_job ON glue_job_runs(job_name);
        """,
    ];

    private readonly PostgresDatabase _db;

    public PostgresGlueJobStore(PostgresDatabase database) => _db = database ?? throw new ArgumentNullException(nameof(database));

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _db.MigrateAsync("glue", Migrations, cancellationToken);

    public async Task<IReadOnlyList<GlueJobRecord>> LoadJobsAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, "SELECT name,json FROM glue_jobs ORDER BY name", ServiceRows.GlueJob, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<GlueJobRunRecord>> LoadRunsAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, "SELECT id,job_name,started,json FROM glue_job_runs ORDER BY started, id",
            ServiceRows.GlueJobRun, cancellationToken).ConfigureAwait(false);

    public Task SaveJobAsync(GlueJobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return PgSql.ExecAsync(_db, "INSERT INTO glue_jobs(name,json) VALUES(@n,@j) ON CONFLICT(name) DO UPDATE SET json=excluded.json",
            cancellationToken, ("n", job.Name), ("j", job.Json));
    }

    public Task DeleteJobAsync(string name, CancellationToken cancellationToken = default) =>
        PgSql.ExecAsync(_db, "DELETE FROM glue_job_runs WHERE job_name=@n; DELETE FROM glue_jobs WHERE name=@n", cancellationToken, ("n", name));

    public Task SaveRunAsync(GlueJobRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PgSql.ExecAsync(_db,
            "INSERT INTO glue_job_runs(id,job_name,started,json) VALUES(@i,@n,@s,@j) ON CONFLICT(id) DO UPDATE SET job_name=excluded.job_name, started=excluded.started, json=excluded.json",
            cancellationToken, ("i", run.Id), ("n", run.JobName), ("s", run.StartedMs), ("j", run.Json));
    }
}
