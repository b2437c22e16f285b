using Quickstep.Aws;
using Quickstep.Storage;

namespace Quickstep.Services.Glue;

/// <summary>Settings of the Glue service (its clock gives CreatedOn, StartedOn, CompletedOn, ExecutionTime and run timeouts).</summary>
public sealed class GlueServiceOptions : AwsServiceOptions
{
    /// <summary>Durable storage; null keeps jobs and runs in memory only. Default null.</summary>
    public IGlueJobStore? Store { get; init; }

    /// <summary>
    /// Where each run's script copy and output go (<c>{RunsDirectory}/{JobRunId}/stdout</c>, <c>stderr</c>, <c>script.py</c>).
    /// Default <c>./.quickstep/glue/runs</c>; the server uses <c>glue/runs</c> beside its database.
    /// </summary>
    public string RunsDirectory { get; init; } = Path.Combine(".quickstep", "glue", "runs");

    /// <summary>Directories a local ScriptLocation may be in (absolute paths). Default none: only <c>s3://</c> scripts.</summary>
    public IReadOnlyList<string> ScriptRoots { get; init; } = [];

    /// <summary>Reads an <c>s3://bucket/key</c> script (the built-in S3); null refuses S3 locations. Default null.</summary>
    public Func<string, string, CancellationToken, Task<Stream>>? OpenS3Object { get; init; }

    /// <summary>The interpreter of pythonshell jobs. Default <c>python3</c> (found on PATH).</summary>
    public string PythonCommand { get; init; } = "python3";

    /// <summary>The launcher of glueetl jobs. Default <c>spark-submit</c> (found on PATH; a run fails with ERROR when it is not there).</summary>
    public string SparkSubmitCommand { get; init; } = "spark-submit";

    /// <summary>
    /// How long one minute of a job's <c>Timeout</c> lasts. Default one minute; tests shorten it so that a run times
    /// out in seconds with Glue's whole-minute Timeout (the wire value and the answers keep minutes).
    /// </summary>
    public TimeSpan TimeoutUnit { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// True when other nodes share <see cref="Store"/> (PostgreSQL): jobs and other nodes' runs are read from the store on
    /// every call, and this node polls its runs' stop requests. Default false (one node: the store is loaded once).
    /// </summary>
    public bool Shared { get; init; }

    /// <summary>This node's lease id, recorded as the owner of the runs it starts (with <see cref="Shared"/>). Default null.</summary>
    public string? NodeId { get; init; }

    /// <summary>How often a shared node polls its runs' stop requests (and, every 15 polls, fails runs of nodes whose lease expired). Default one second.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Run ids. Default <c>jr_</c> and 64 hex digits from two <see cref="Guid.NewGuid"/>.</summary>
    public Func<string> NewRunId { get; init; } = () => "jr_" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
}
