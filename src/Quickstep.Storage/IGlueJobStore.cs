namespace Quickstep.Storage;

/// <summary>
/// Durable Glue jobs and their runs (the Glue service's state), each kept as the JSON of its API shape. The service
/// keeps everything in memory and loads it once at start; every write completes after its commit.
/// </summary>
public interface IGlueJobStore
{
    Task<IReadOnlyList<GlueJobRecord>> LoadJobsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every stored run of every job.</summary>
    Task<IReadOnlyList<GlueJobRunRecord>> LoadRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a job.</summary>
    Task SaveJobAsync(GlueJobRecord job, CancellationToken cancellationToken = default);

    /// <summary>Deletes a job and every run of it.</summary>
    Task DeleteJobAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a run.</summary>
    Task SaveRunAsync(GlueJobRunRecord run, CancellationToken cancellationToken = default);
}
