namespace Quickstep.Storage;

/// <summary>
/// Durable Glue jobs and their runs (the Glue service's state), each kept as the JSON of its API shape. With one node
/// the service keeps everything in memory and loads it once at start; with a store shared by several nodes it reads
/// jobs and other nodes' runs here on every call. Every write completes after its commit.
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

    /// <summary>Creates or replaces a run (its stop request, if any, stays).</summary>
    Task SaveRunAsync(GlueJobRunRecord run, CancellationToken cancellationToken = default);

    /// <summary>One job, or null.</summary>
    async Task<GlueJobRecord?> GetJobAsync(string name, CancellationToken cancellationToken = default) =>
        (await LoadJobsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(j => j.Name == name);

    /// <summary>Creates a job unless one of that name exists (atomically in a shared store); false when it exists.</summary>
    async Task<bool> TryCreateJobAsync(GlueJobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await GetJobAsync(job.Name, cancellationToken).ConfigureAwait(false) is not null)
            return false;
        await SaveJobAsync(job, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The runs of one job.</summary>
    async Task<IReadOnlyList<GlueJobRunRecord>> LoadRunsAsync(string jobName, CancellationToken cancellationToken = default) =>
        [.. (await LoadRunsAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.JobName == jobName)];

    /// <summary>The stored runs among <paramref name="ids"/> (a run of a deleted job is missing).</summary>
    async Task<IReadOnlyList<GlueJobRunRecord>> GetRunsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var set = ids.ToHashSet(StringComparer.Ordinal);
        return [.. (await LoadRunsAsync(cancellationToken).ConfigureAwait(false)).Where(r => set.Contains(r.Id))];
    }

    /// <summary>Asks the node running a run to stop it (it polls <see cref="GetRunsAsync"/>); false when the run is not stored.</summary>
    Task<bool> RequestStopAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(false);

    /// <summary>The ids of the nodes whose lease has not expired at <paramref name="now"/> (a shared store); empty with one node.</summary>
    Task<IReadOnlyList<string>> LiveNodesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
