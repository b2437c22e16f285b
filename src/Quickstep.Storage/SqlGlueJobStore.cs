using Quickstep.Storage.Rows;

namespace Quickstep.Storage;

/// <summary>
/// Glue jobs, whose statements are the same in every dialect; a dialect's subclass keeps the runs (<see cref="IGlueJobStore"/>'s
/// other members), whose columns differ (PostgreSQL records the node running each and its stop request).
/// </summary>
public abstract class SqlGlueJobStore : SqlStore
{
    private protected SqlGlueJobStore(StoreSql sql)
        : base(sql)
    {
    }

    public async Task<IReadOnlyList<GlueJobRecord>> LoadJobsAsync(CancellationToken cancellationToken = default) =>
        await Sql.QueryAsync("SELECT name,json FROM glue_jobs ORDER BY name", ServiceRows.GlueJob, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates or replaces a job.</summary>
    public Task SaveJobAsync(GlueJobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Sql.ExecAsync("INSERT INTO glue_jobs(name,json) VALUES(@n,@j) ON CONFLICT(name) DO UPDATE SET json=excluded.json",
            cancellationToken, ("@n", job.Name), ("@j", job.Json));
    }

    /// <summary>Deletes a job and every run of it.</summary>
    public Task DeleteJobAsync(string name, CancellationToken cancellationToken = default) =>
        Sql.ExecAsync("DELETE FROM glue_job_runs WHERE job_name=@n; DELETE FROM glue_jobs WHERE name=@n", cancellationToken, ("@n", name));
}
