using System.Runtime.CompilerServices;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Model;
using Quickstep.Asl.Paths;
using Quickstep.Engine.Ports;
using Quickstep.Engine.Runtime;
using Quickstep.Json;

namespace Quickstep.Engine.Plan;

/// <summary>Task: data flow around one call of a resource handler, with a timeout, Retry and Catch.</summary>
internal sealed class CompiledTask : RetryingState
{
    /// <summary>AWS's default Task timeout (the schema's maximum) when none is given.</summary>
    private const int DefaultTimeoutSeconds = 99999999;

    private readonly PayloadTemplate? _parameters;
    private readonly JsonataTemplate? _arguments;
    private readonly PayloadTemplate? _resultSelector;
    private readonly ResultStep? _resultPath;
    private readonly int? _timeoutSeconds;
    private readonly JsonPath? _timeoutPath;
    private readonly JsonataTemplate? _timeoutExpr;
    private readonly int? _heartbeatSeconds;
    private readonly JsonPath? _heartbeatPath;
    private readonly JsonataTemplate? _heartbeatExpr;
    private readonly IResourceHandler? _handler;
    private readonly ResourceKind _kind;
    private readonly bool _usesContext;

    /// <summary>TimeoutSeconds and HeartbeatSeconds are literals or absent: nothing to evaluate per call.</summary>
    private readonly bool _fixedSeconds;

    public CompiledTask(TaskState model, IReadOnlyList<IResourceHandler> handlers, ExpressionTable expressions)
        : base(model, model.Retry, model.Catch, expressions)
    {
        Resource = model.Resource;
        if (IsJsonata)
        {
            if (model.Arguments is not null)
                _arguments = JsonataTemplate.Compile(model.Arguments, "Arguments", expressions);
        }
        else
        {
            if (model.Parameters is not null)
                _parameters = PayloadTemplate.Compile(model.Parameters, expressions);
            if (model.ResultSelector is not null)
                _resultSelector = PayloadTemplate.Compile(model.ResultSelector, expressions);
            _resultPath = ResultStep.Compile(model.ResultPath, expressions);
        }

        if (model.TimeoutSeconds is JNumber n)
            _timeoutSeconds = (int)Math.Min(n.Value, int.MaxValue);
        else if (model.TimeoutSeconds is JString ts && JsonataTemplate.IsExpression(ts.Value))
            _timeoutExpr = JsonataTemplate.Compile(ts, "TimeoutSeconds", expressions);
        if (model.TimeoutSecondsPath is not null)
            _timeoutPath = expressions.Path(model.TimeoutSecondsPath);
        if (model.HeartbeatSeconds is JNumber hn)
            _heartbeatSeconds = (int)Math.Min(hn.Value, int.MaxValue);
        else if (model.HeartbeatSeconds is JString hs && JsonataTemplate.IsExpression(hs.Value))
            _heartbeatExpr = JsonataTemplate.Compile(hs, "HeartbeatSeconds", expressions);
        if (model.HeartbeatSecondsPath is not null)
            _heartbeatPath = expressions.Path(model.HeartbeatSecondsPath);

        foreach (var h in handlers)
        {
            if (h.CanHandle(Resource))
            {
                _handler = h;
                break;
            }
        }

        _fixedSeconds = _timeoutExpr is null && _timeoutPath is null && _heartbeatExpr is null && _heartbeatPath is null;
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
        var evaluated = Parameters(input, scope);
        if (evaluated.Failed)
            return Failed(evaluated.Error);
        var parameters = evaluated.Value;
        if (x.Inspector is { } test)
            Inspect(test, input, parameters, scope);
        int timeout;
        int? heartbeat;
        if (_fixedSeconds)
        {
            timeout = _timeoutSeconds ?? DefaultTimeoutSeconds;
            heartbeat = _heartbeatSeconds;
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
        var call = Call(_handler, request, frame, tracker);
        if (call.IsCompletedSuccessfully)
        {
            if (tracker is not null)
                TrackedCall.Answered(tracker, frame);
            return new(Finish(x, frame, input, entry, Called(x, frame, call.Result), scope));
        }

        return PendingCallAsync(x, frame, input, entry, call, context);
    }

    private Evaluated Parameters(JValue input, in EvaluationScope scope)
    {
        if (IsJsonata)
            return _arguments is null ? input : _arguments.Evaluate(scope);
        var effective = EffectiveInput(input, scope);
        return _parameters is null || effective.Failed ? effective : _parameters.Evaluate(scope.WithInput(effective.Value));
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
        var failed = Seconds(scope, _timeoutSeconds, _timeoutExpr, _timeoutPath, "TimeoutSeconds", out var t)
            ?? Seconds(scope, _heartbeatSeconds, _heartbeatExpr, _heartbeatPath, "HeartbeatSeconds", out heartbeat);
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
    private static ValueTask<TaskResult> Call(IResourceHandler handler, TaskRequest request, Frame frame, IdleTracker? tracker)
    {
        var abort = frame.Cancellation;
        try
        {
            return handler.InvokeAsync(request, abort);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return new(TaskResult.Failure(StatesErrors.Timeout, null));
        }
        catch when (tracker is not null)
        {
            TrackedCall.Answered(tracker, frame);
            throw;
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
        var output = IsJsonata
            ? FinishJsonata(frame, value, scope)
            : FinishJsonPath(x, frame, input, value, _resultSelector, _resultPath, scope);
        return output.Failed ? StateOutcome.DataFlowFail(output.Error) : StateOutcome.Continue(output.Value, Next);
    }

    /// <summary>TimeoutSeconds / HeartbeatSeconds from a literal, a JSONata expression or a *Path; null when absent.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StatesError? Seconds(in EvaluationScope scope, int? literal, JsonataTemplate? expression, JsonPath? path, string field, out int? seconds)
    {
        seconds = literal;
        if (literal is not null)
            return null;
        if (expression is not null)
        {
            var e = expression.Evaluate(scope);
            if (e.Failed)
                return e.Error;
            if (e.Value is JNumber n && n.IsIntegral && n.Value > 0)
            {
                seconds = (int)Math.Min(n.Value, int.MaxValue);
                return null;
            }

            return new(StatesErrors.QueryEvaluationError, $"The JSONata expression '{expression.ExpressionText}' specified for the field '{field}' returned an unexpected result type. Expected 'integer', but was '{e.Value.TypeName}' for value: {e.Value}");
        }

        if (path is not null)
        {
            // AWS resolves these before it schedules the task (recorded: test_invalid_jsonpath[…HEARTBEATSECONDSPATH]).
            var v = path.Select(scope);
            if (v is null)
                return new(StatesErrors.Runtime, PathErrors.InvalidPath(path, scope.Input));
            if (v is JNumber n && n.IsIntegral && n.Value > 0)
            {
                seconds = (int)Math.Min(n.Value, int.MaxValue);
                return null;
            }

            return new(StatesErrors.Runtime, $"The {field}Path parameter references an invalid value: {path.Text} == {v}");
        }

        return null;
    }
}
