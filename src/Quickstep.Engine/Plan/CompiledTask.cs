using System.Runtime.CompilerServices;
using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Plan;

/// <summary>Task: data flow around one call of a resource handler, with a timeout, Retry and Catch.</summary>
internal sealed class CompiledTask : RetryingState
{
    /// <summary>AWS's default Task timeout (the schema's maximum) when none is given.</summary>
    private const int DefaultTimeoutSeconds = 99999999;

    private readonly PayloadSteps _payload;
    private readonly PositiveIntegerField _timeout;
    private readonly PositiveIntegerField _heartbeat;
    private readonly IResourceHandler? _handler;
    private readonly ResourceKind _kind;
    private readonly bool _usesContext;

    /// <summary>TimeoutSeconds and HeartbeatSeconds are literals or absent: nothing to evaluate per call.</summary>
    private readonly bool _fixedSeconds;

    public CompiledTask(TaskState model, IReadOnlyList<IResourceHandler> handlers, ExpressionTable expressions)
        : base(model, model.Retry, model.Catch, expressions)
    {
        Resource = model.Resource;
        _payload = new PayloadSteps(IsJsonata, model.Parameters, model.Arguments, model.ResultSelector, model.ResultPath, expressions);

        _timeout = new PositiveIntegerField("TimeoutSeconds", model.TimeoutSeconds, model.TimeoutSecondsPath, taskWording: true, expressions);
        _heartbeat = new PositiveIntegerField("HeartbeatSeconds", model.HeartbeatSeconds, model.HeartbeatSecondsPath, taskWording: true, expressions);

        _handler = ResourceHandlers.For(handlers, Resource);
        _fixedSeconds = _timeout.IsFixed && _heartbeat.IsFixed;
        _kind = ResourceKind.Of(Resource);
        _usesContext = ContextUse.Any(model.Parameters, model.Arguments, model.ResultSelector, model.Output, model.Assign, model.InputPath, model.OutputPath, model.TimeoutSeconds)
            || ContextUse.Text(model.TimeoutSecondsPath);
    }

    public string Resource { get; }

    /// <summary>
    /// One attempt, synchronous while the handler answers synchronously (in-process functions,
    /// mocks): no async state machine unless the call is pending or a timeout timer is needed.
    /// </summary>
    protected override ValueTask<StateOutcome> AttemptAsync(Execution x, Frame frame, JValue input, StateEntry entry, int retryCount)
    {
        // Kept small on purpose: rare paths (dynamic timeouts, no handler, errors) live in other methods,
        // so the JIT's frame for this one stays small (its prolog zeroes every struct local).
        var context = _usesContext ? x.Context(Name, entry.Time, retryCount) : JObject.Empty;
        var scope = x.Scope(input, context, frame);
        var evaluated = Parameters(input, _payload, scope);
        if (evaluated.Failed)
            return Failed(evaluated.Error);
        var parameters = evaluated.Value;
        if (x.Inspector is { } test)
            Inspect(test, input, parameters, scope);
        int timeout;
        int? heartbeat;
        if (_fixedSeconds)
        {
            timeout = _timeout.Literal ?? DefaultTimeoutSeconds;
            heartbeat = _heartbeat.Literal;
        }
        else if (EvaluateSeconds(scope, out timeout, out heartbeat) is { } secondsFailed)
        {
            return Failed(secondsFailed);
        }

        TaskEvents.Scheduled(x, frame, _kind, parameters, timeout, heartbeat);
        if (_handler is null)
            return NoHandler(x, frame, entry);

        TaskEvents.Started(x, frame, _kind, Resource, retryCount);
        var request = new TaskRequest(Resource, parameters, Name, x.Machine.Name, x.Arn, retryCount) { TestCase = x.TestCase, HttpRecorder = x.Inspector?.HttpRecorder };
        if (timeout < DefaultTimeoutSeconds)
            return TimedCallAsync(x, frame, input, entry, request, timeout, context);

        // Under an idle tracker the call runs on a unit taken before the handler runs (see TrackedCall).
        var tracker = x.Tracker;
        if (tracker is not null && !frame.HoldsSpareUnit)
            TrackedCall.TakeUnit(tracker, frame);
        var call = Call(_handler, request, frame.Cancellation);
        if (call.IsCompletedSuccessfully)
        {
            if (tracker is not null)
                TrackedCall.Answered(tracker, frame);
            return new(Finish(x, frame, input, entry, Called(x, frame, call.Result), scope));
        }

        return PendingCallAsync(x, frame, input, entry, call, context);
    }

    /// <summary>TestState: the input stages of the data flow.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Inspect(Testing.StateInspector test, JValue input, JValue parameters, in EvaluationScope scope)
    {
        if (IsJsonata)
        {
            test.Data.AfterArguments = parameters;
            return;
        }

        test.Data.AfterInputPath = EffectiveInput(input, scope).Value;
        test.Data.AfterParameters = parameters;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StatesError? EvaluateSeconds(in EvaluationScope scope, out int timeout, out int? heartbeat)
    {
        heartbeat = null;
        var failed = _timeout.Evaluate(scope, out var t) ?? _heartbeat.Evaluate(scope, out heartbeat);
        timeout = t ?? DefaultTimeoutSeconds;
        return failed;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<StateOutcome> NoHandler(Execution x, Frame frame, StateEntry entry)
    {
        var missing = new StatesError(StatesErrors.Runtime, $"No handler is registered for the resource '{Resource}'.");
        TaskEvents.Failed(x, frame, _kind, missing);
        return new(StateOutcome.Fail(Prefixed(missing, entry)));
    }

    /// <summary>Calls the handler; a cancellation by the execution's abort is a States.Timeout result, not an exception.</summary>
    /// <remarks>
    /// Small enough to be inlined: a handler that throws at once leaves the unit the call ran on with the frame, where
    /// the machine's scope keeps it anyway and a branch that crashes puts it down (<see cref="TrackedCall.Crashed"/>).
    /// </remarks>
    private static ValueTask<TaskResult> Call(IResourceHandler handler, TaskRequest request, CancellationToken abort)
    {
        try
        {
            return handler.InvokeAsync(request, abort);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return new(TaskResult.Failure(StatesErrors.Timeout, null));
        }
    }

    /// <summary>The slow path: a handler that did not answer at once.</summary>
    private async ValueTask<StateOutcome> PendingCallAsync(Execution x, Frame frame, JValue input, StateEntry entry, ValueTask<TaskResult> call, JValue context)
    {
        TrackedCall? tracked = null;
        if (x.Tracker is { } tracker)
        {
#pragma warning disable CA2012 // Handed over, not read: the call's ValueTask becomes the Task the tracker watches.
            call = TrackedCall.Pending(tracker, frame, call, out tracked);
#pragma warning restore CA2012
        }

        x.ArmDeadline();
        // The frame's unit goes down while the call runs on its own (after the deadline's timer exists).
        tracked?.Park(frame.Cancellation);
        TaskResult result;
        try
        {
            // Beside other branches, a sibling's failure stops waiting even for a handler that ignores cancellation.
            result = frame.Concurrent ? await call.AsTask().WaitAsync(frame.Cancellation).ConfigureAwait(false) : await call.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (BranchAbort.Requested(x, frame))
        {
            return Aborted(x, frame);
        }
        catch (OperationCanceledException) when (x.Abort.IsCancellationRequested)
        {
            result = TaskResult.Failure(StatesErrors.Timeout, null);
        }

        if (BranchAbort.Requested(x, frame))
            return Aborted(x, frame);
        return Finish(x, frame, input, entry, Called(x, frame, result), x.Scope(input, context, frame));
    }

    /// <summary>A sibling branch failed while the call was in flight: AWS records TaskStateAborted, not the call's end.</summary>
    private StateOutcome Aborted(Execution x, Frame frame)
    {
        x.Emit(frame, AbortedEventType);
        return StateOutcome.Fail(BranchAbort.Error);
    }

    protected override string AbortedEventType => "TaskStateAborted";

    /// <summary>A call under TimeoutSeconds: a timer on the execution's clock cancels it.</summary>
    private async ValueTask<StateOutcome> TimedCallAsync(Execution x, Frame frame, JValue input, StateEntry entry, TaskRequest request, int timeoutSeconds, JValue context)
    {
        TaskResult result;
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        var started = x.Time.GetUtcNow();
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(frame.Cancellation))
        {
            // The timer is armed only for a call still pending: a handler that answers at once cannot time out.
            ITimer? timer = null;
            var tracker = x.Tracker;
            try
            {
                TrackedCall? tracked = null;
                var vt = tracker is null ? _handler!.InvokeAsync(request, cts.Token) : TrackedCall.Invoke(tracker, _handler!, request, frame, cts.Token, out tracked);
                if (vt.IsCompletedSuccessfully)
                {
                    result = vt.Result;
                }
                else
                {
                    var task = vt.AsTask();
                    timer = x.Time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), cts, timeout, Timeout.InfiniteTimeSpan);
                    // The state's unit goes down only once the timeout's timer exists, so an idle engine sees it.
                    tracked?.Park(cts.Token);

                    // WaitAsync: the timeout holds even for a handler that ignores cancellation.
                    result = await task.WaitAsync(cts.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cts.Token.IsCancellationRequested)
            {
                result = TaskResult.Failure(StatesErrors.Timeout, null);
            }
            finally
            {
                timer?.Dispose();
            }

            if (BranchAbort.Requested(x, frame))
                return Aborted(x, frame);
            // A result that came after the timeout (the clock passed it while the handler ran) is a timeout too.
            if ((cts.IsCancellationRequested || x.Time.GetUtcNow() - started >= timeout) && !x.Abort.IsCancellationRequested)
                result = TaskResult.Failure(StatesErrors.Timeout, null);
        }

        return Finish(x, frame, input, entry, Called(x, frame, result), x.Scope(input, context, frame));
    }

    /// <summary>Records the call's outcome: Succeeded, Failed or TimedOut.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private TaskResult Called(Execution x, Frame frame, TaskResult result)
    {
        if (result.Error is { } error)
        {
            if (error.Error == StatesErrors.Timeout)
                TaskEvents.TimedOut(x, frame, _kind, error);
            else
                TaskEvents.Failed(x, frame, _kind, error);
        }
        else
        {
            TaskEvents.Succeeded(x, frame, _kind, result.Output ?? JValue.Null);
        }

        return result;
    }

    /// <summary>The data flow after the call: size check, ResultSelector/ResultPath/OutputPath or JSONata Output, Assign.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StateOutcome Finish(Execution x, Frame frame, JValue input, StateEntry entry, TaskResult result, in EvaluationScope scope)
    {
        if (result.Error is { } error)
            return StateOutcome.Fail(error.Error == StatesErrors.Runtime ? Prefixed(error, entry) : error);
        var value = result.Output ?? JValue.Null;
        x.Inspector?.Data.Result = value;
        if (CheckSize(x, value, Name) is { } tooLarge)
            return StateOutcome.DataFlowFail(tooLarge);
        // What RetryingState.Completed does, written out: one call level less on every Task (w5 +3 % measured).
        var output = IsJsonata
            ? FinishJsonata(frame, value, scope)
            : FinishJsonPath(x, frame, input, value, _payload.ResultSelector, _payload.ResultPath, scope);
        return output.Failed ? StateOutcome.DataFlowFail(output.Error) : StateOutcome.Continue(output.Value, Next);
    }
}
