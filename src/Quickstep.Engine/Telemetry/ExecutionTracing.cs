using System.Diagnostics;
using Quickstep.Engine.Plan;

namespace Quickstep.Engine.Telemetry;

/// <summary>
/// Spans of one execution: the execution, each state it enters, each Task call. Called only when the execution has
/// a span (someone listens), so an untraced execution pays one null check per state.
/// </summary>
internal static class ExecutionTracing
{
    /// <summary>The execution's span, or null when nothing listens (checked first: no allocation then).</summary>
    public static Activity? StartExecution(StateMachine machine, string arn, ActivityContext? parent)
    {
        if (!QuickstepTelemetry.Source.HasListeners())
            return null;
        var context = parent ?? Activity.Current?.Context ?? default;
        var span = QuickstepTelemetry.Source.StartActivity("execution " + machine.Name, ActivityKind.Internal, context);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(QuickstepTelemetry.StateMachineAttribute, machine.Arn);
            span.SetTag(QuickstepTelemetry.ExecutionArnAttribute, arn);
        }

        return span;
    }

    public static void EndExecution(Activity span, ExecutionResult result)
    {
        if (span.IsAllDataRequested)
        {
            span.SetTag(QuickstepTelemetry.StatusAttribute, result.StatusText);
            if (result.Error is { } error)
                span.SetTag(QuickstepTelemetry.ErrorAttribute, error);
        }

        if (result.Status != ExecutionStatus.Succeeded)
            span.SetStatus(ActivityStatusCode.Error, result.Cause ?? result.Error ?? result.StatusText);
        span.Stop();
    }

    /// <summary>A state's span, child of the enclosing Map/Parallel state's span or of the execution's.</summary>
    public static void EnterState(Execution x, Frame frame, CompiledState state)
    {
        var parent = Enclosing(frame) ?? x.Span!;
        var span = QuickstepTelemetry.Source.StartActivity("state " + state.Name, ActivityKind.Internal, parent.Context);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(QuickstepTelemetry.StateMachineAttribute, x.Machine.Arn);
            span.SetTag(QuickstepTelemetry.ExecutionArnAttribute, x.Arn);
            span.SetTag(QuickstepTelemetry.StateNameAttribute, state.Name);
            span.SetTag(QuickstepTelemetry.StateTypeAttribute, state.EnteredEventType[..^"StateEntered".Length]);
        }

        frame.StateSpan = span;
    }

    /// <summary>Ends the frame's open state span (exited, or left with <paramref name="error"/>).</summary>
    public static void ExitState(Frame frame, StatesError? error)
    {
        if (frame.TaskSpan is { } call)
        {
            // A call still open when its state ends was abandoned (a sibling branch failed).
            frame.TaskSpan = null;
            End(call, error?.Error, error?.Cause);
        }

        if (frame.StateSpan is not { } span)
            return;
        frame.StateSpan = null;
        End(span, error?.Error, error?.Cause);
    }

    /// <summary>
    /// A Task call's span, made the current activity while the handler is called, so that the integration's
    /// HTTP calls carry its <c>traceparent</c> and a nested execution becomes its child.
    /// </summary>
    public static void StartTask(Execution x, Frame frame, string resource, int retryCount)
    {
        var parent = frame.StateSpan ?? x.Span!;
        var span = QuickstepTelemetry.Source.StartActivity("task " + resource, ActivityKind.Client, parent.Context);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(QuickstepTelemetry.ExecutionArnAttribute, x.Arn);
            span.SetTag(QuickstepTelemetry.ResourceAttribute, resource);
            span.SetTag(QuickstepTelemetry.RetryCountAttribute, retryCount);
        }

        frame.TaskSpan = span;
    }

    public static void EndTask(Execution x, Frame frame, StatesError? error)
    {
        if (frame.TaskSpan is not { } span)
            return;
        frame.TaskSpan = null;
        End(span, error?.Error, error?.Cause);
        Activity.Current = x.Span;
    }

    private static Activity? Enclosing(Frame frame)
    {
        for (var f = frame.Parent; f is not null; f = f.Parent)
        {
            if (f.StateSpan is { } span)
                return span;
        }

        return null;
    }

    private static void End(Activity span, string? error, string? cause)
    {
        if (error is not null)
        {
            if (span.IsAllDataRequested)
                span.SetTag(QuickstepTelemetry.ErrorAttribute, error);
            span.SetStatus(ActivityStatusCode.Error, cause ?? error);
        }

        span.Stop();
    }
}
