using Quickstep.Engine.History;

namespace Quickstep.Engine;

/// <summary>The outcome of one execution: status, and output (SUCCEEDED) or error and cause.</summary>
public sealed class ExecutionResult
{
    public required ExecutionStatus Status { get; init; }

    public JValue? Output { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public required string ExecutionArn { get; init; }

    public required string Name { get; init; }

    public required DateTimeOffset StartDate { get; init; }

    public required DateTimeOffset StopDate { get; init; }

    /// <summary>States entered plus retries (the benchmark's "transitions").</summary>
    public long Transitions { get; init; }

    /// <summary>The history events, when <see cref="ExecutionOptions.RecordHistory"/> was set.</summary>
    public IReadOnlyList<HistoryEvent>? History { get; init; }

    /// <summary>The status in the API's spelling: SUCCEEDED, FAILED, TIMED_OUT, ABORTED.</summary>
    public string StatusText => Status.ToApiName();
}
