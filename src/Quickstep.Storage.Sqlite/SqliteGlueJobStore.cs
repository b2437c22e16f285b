using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>Glue jobs and job runs in the same SQLite file as executions, written through the store's single writer.</summary>
public sealed class SqliteGlueJobStore : IGlueJobStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS glue_jobs(name TEXT PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS glue_job_runs(id TEXT PRIMARY KEY, job_name TEXT NOT NULL, started INTEGER NOT NULL, json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_glue_job_runs_job ON glue_job_runs(job_name);
        """;

    private readonly SqliteStore _store;

    /// <param name="store">An initialized store; this one shares its database and writer.</param>
    public SqliteGlueJobStore(SqliteStore store) => _store = store;

    /// <summary>Creates the tables when missing.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec(Schema), cancellationToken);

    public async Task<IReadOnlyList<GlueJobRecord>> LoadJobsAsync(CancellationToken cancellationToken = default) =>
        await _store.Database.QueryAsync("SELECT name,json FROM glue_jobs ORDER BY name", ServiceRows.GlueJob, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<GlueJobRunRecord>> LoadRunsAsync(CancellationToken cancellationToken = default) =>
        await _store.Database.QueryAsync("SELECT id,job_name,started,json FROM glue_job_runs ORDER BY started, id", ServiceRows.GlueJobRun, cancellationToken).ConfigureAwait(false);

    public Task SaveJobAsync(GlueJobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _store.WriteAsync(w => w.Exec("INSERT OR REPLACE INTO glue_jobs(name,json) VALUES($n,$j)", ("$n", job.Name), ("$j", job.Json)), cancellationToken);
    }

    public Task DeleteJobAsync(string name, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("DELETE FROM glue_jobs WHERE name=$n; DELETE FROM glue_job_runs WHERE job_name=$n", ("$n", name)), cancellationToken);

    public Task SaveRunAsync(GlueJobRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _store.WriteAsync(w => w.Exec(
            "INSERT OR REPLACE INTO glue_job_runs(id,job_name,started,json) VALUES($i,$n,$s,$j)",
            ("$i", run.Id), ("$n", run.JobName), ("$s", run.StartedMs), ("$j", run.Json)), cancellationToken);
    }
}
