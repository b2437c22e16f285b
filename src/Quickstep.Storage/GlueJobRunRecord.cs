namespace Quickstep.Storage;

/// <summary>A stored Glue job run: its id, its job, when it started (Unix milliseconds) and the JSON of its state.</summary>
public sealed record GlueJobRunRecord(string Id, string JobName, long StartedMs, string Json)
{
    /// <summary>The node running it (its node lease id) in a shared store; null with one node.</summary>
    public string? Node { get; init; }

    /// <summary>True once BatchStopJobRun asked its node to stop it (read only; <see cref="IGlueJobStore.RequestStopAsync"/> sets it).</summary>
    public bool StopRequested { get; init; }
}
