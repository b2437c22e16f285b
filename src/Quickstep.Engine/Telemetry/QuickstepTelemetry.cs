using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Quickstep.Engine.Telemetry;

/// <summary>
/// The engine's traces and metrics: an <see cref="ActivitySource"/> and a <see cref="Meter"/>, both named
/// <see cref="Name"/>. Nothing is recorded (and nothing allocated) until a listener subscribes: an
/// OpenTelemetry TracerProvider/MeterProvider, an <see cref="ActivityListener"/> or a <see cref="MeterListener"/>.
/// </summary>
public static class QuickstepTelemetry
{
    /// <summary>The name of the engine's ActivitySource and Meter.</summary>
    public const string Name = "Quickstep.Engine";

    /// <summary>Span attribute: the state machine's ARN.</summary>
    public const string StateMachineAttribute = "quickstep.state_machine.arn";

    /// <summary>Span attribute: the execution's ARN.</summary>
    public const string ExecutionArnAttribute = "quickstep.execution.arn";

    /// <summary>Span attribute: the state's name.</summary>
    public const string StateNameAttribute = "quickstep.state.name";

    /// <summary>Span attribute: the state's type (Task, Pass, Map, …).</summary>
    public const string StateTypeAttribute = "quickstep.state.type";

    /// <summary>Span attribute: a Task call's resource ARN.</summary>
    public const string ResourceAttribute = "quickstep.task.resource";

    /// <summary>Span attribute: a Task call's retry count (0 for the first attempt).</summary>
    public const string RetryCountAttribute = "quickstep.task.retry_count";

    /// <summary>Span attribute: the execution's final status (SUCCEEDED, FAILED, TIMED_OUT, ABORTED).</summary>
    public const string StatusAttribute = "quickstep.execution.status";

    /// <summary>Span attribute (OpenTelemetry semantic convention): the error name; the cause is the span's status description.</summary>
    public const string ErrorAttribute = "error.type";

    /// <summary>Metric tag: the state machine's ARN (CloudWatch's dimension name).</summary>
    public const string StateMachineArnTag = "StateMachineArn";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    // CloudWatch's execution metrics for Step Functions, with the same names (AWS/States namespace).
    internal static readonly Counter<long> ExecutionsStarted = Meter.CreateCounter<long>("ExecutionsStarted", "{execution}", "Executions started.");
    internal static readonly Counter<long> ExecutionsSucceeded = Meter.CreateCounter<long>("ExecutionsSucceeded", "{execution}", "Executions that succeeded.");
    internal static readonly Counter<long> ExecutionsFailed = Meter.CreateCounter<long>("ExecutionsFailed", "{execution}", "Executions that failed.");
    internal static readonly Counter<long> ExecutionsAborted = Meter.CreateCounter<long>("ExecutionsAborted", "{execution}", "Executions aborted (stopped).");
    internal static readonly Counter<long> ExecutionsTimedOut = Meter.CreateCounter<long>("ExecutionsTimedOut", "{execution}", "Executions that timed out.");
    internal static readonly Histogram<double> ExecutionTime = Meter.CreateHistogram<double>("ExecutionTime", "ms", "Time from an execution's start to its end, on the engine's clock.");
}
