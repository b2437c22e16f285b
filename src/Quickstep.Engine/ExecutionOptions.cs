using Quickstep.Engine.History;

namespace Quickstep.Engine;

/// <summary>Per-execution settings.</summary>
public sealed class ExecutionOptions
{
    /// <summary>The execution name; default a new UUID.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// The execution ARN ($$.Execution.Id), when the host has already given one out (the server's
    /// StartExecution returns it before the run); default the ARN AWS would give the name.
    /// </summary>
    public string? ExecutionArn { get; init; }

    /// <summary>The role ARN ($$.Execution.RoleArn, ExecutionStarted's roleArn); default the machine's.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The mock test case (Step Functions Local MockConfigFile) to answer Task states from.</summary>
    public string? TestCase { get; init; }

    /// <summary>
    /// True for a StartSyncExecution run: AWS then leaves $$.Execution.RedriveCount out (recorded:
    /// express/test_express_sync vs test_express_async). Default false.
    /// </summary>
    public bool Synchronous { get; init; }

    /// <summary>Keep every history event in <see cref="ExecutionResult.History"/> (default false).</summary>
    public bool RecordHistory { get; init; }

    /// <summary>Stops this execution from outside with an error and cause (StopExecution); null for none.</summary>
    public ExecutionStop? Stop { get; init; }

    /// <summary>Receives each history event as it happens (e.g. Express logs); null for none.</summary>
    public IHistorySink? HistorySink { get; init; }

    /// <summary>
    /// The parent of the execution's span (a StartExecution <c>traceHeader</c>, a caller's <c>traceparent</c>); default
    /// the current activity, so that an execution started from a Task call is its child. Used only when traced.
    /// </summary>
    public System.Diagnostics.ActivityContext? TraceParent { get; init; }
}
