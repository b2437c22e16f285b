using Quickstep.Engine;

namespace Quickstep.Storage;

/// <summary>An execution: what was asked (input, machine, version/alias) and, once it ends, what happened.</summary>
public sealed record ExecutionRecord
{
    public required string Arn { get; init; }

    /// <summary>The unqualified state machine ARN.</summary>
    public required string StateMachineArn { get; init; }

    public string? StateMachineVersionArn { get; init; }

    public string? StateMachineAliasArn { get; init; }

    public required string Name { get; init; }

    public required ExecutionStatus Status { get; init; }

    public required string Input { get; init; }

    public string? Output { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public string? TraceHeader { get; init; }

    public required DateTimeOffset StartDate { get; init; }

    public DateTimeOffset? StopDate { get; init; }

    /// <summary>True for StartSyncExecution (at most once: never queued, never re-run).</summary>
    public bool Sync { get; init; }

    public long BilledDurationMilliseconds { get; init; }

    public long BilledMemoryMegabytes { get; init; }

    /// <summary>
    /// The machine's logging level when the execution ran ("ALL", "ERROR", "FATAL"; null for OFF). Its log records
    /// are derived from its history with this level on read instead of being stored.
    /// </summary>
    public string? LogLevel { get; init; }

    /// <summary>The machine's includeExecutionData when the execution ran (with <see cref="LogLevel"/>).</summary>
    public bool LogIncludesExecutionData { get; init; }
}
