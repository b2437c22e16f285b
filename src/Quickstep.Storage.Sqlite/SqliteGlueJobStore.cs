using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>Glue jobs and job runs in the same SQLite file as executions, written through the store's single writer.</summary>
/// <param name="store">An initialized store; this one shares its database and writer.</param>
public sealed class SqliteGlueJobStore(SqliteStore store) : SqlGlueJobStore(new SqliteStatements(store, Schema)), IGlueJobStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS glue_jobs(name TEXT PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS glue_job_runs(id TEXT PRIMARY KEY, job_name TEXT NOT NULL, started INTEGER NOT NULL, json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_glue_job_runs_job ON glue_job_runs(job_name);
        """;

    public async Task<IReadOnlyList<GlueJobRunRecord>> LoadRunsAsync(CancellationToken cancellationToken = default) =>
        await store.Database.QueryAsync("SELECT id,job_name,started,json FROM glue_job_runs ORDER BY started, id", ServiceRows.GlueJobRun, cancellationToken).ConfigureAwait(false);

    public Task SaveRunAsync(GlueJobRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return store.WriteAsync(w => w.Exec(
            "INSERT OR REPLACE INTO glue_job_runs(id,job_name,started,json) VALUES($i,$n,$s,$j)",
            ("$i", run.Id), ("$n", run.JobName), ("$s", run.StartedMs), ("$j", run.Json)), cancellationToken);
    }
}
