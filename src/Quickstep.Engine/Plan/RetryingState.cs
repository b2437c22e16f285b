using System.Runtime.CompilerServices;

namespace Quickstep.Engine.Plan;

/// <summary>
/// Task, Parallel and Map: one attempt of the state's work, wrapped in Retry and Catch. The
/// first attempt runs on a synchronous fast path; retries and catches take the slow path.
/// </summary>
internal abstract class RetryingState : CompiledState
{
    private readonly CompiledRetrier[] _retriers;

    protected RetryingState(State model, IReadOnlyList<Retrier> retry, IReadOnlyList<Catcher> catchers, ExpressionTable expressions)
        : base(model, expressions)
    {
        _retriers = [.. retry.Select(r => new CompiledRetrier(r))];
        Catchers = [.. catchers.Select(c => new CompiledCatcher(c, model.QueryLanguage, expressions))];
    }

    public CompiledCatcher[] Catchers { get; }

    /// <summary>
    /// Called once when an error leaves the state (caught or not), not between retries: AWS records
    /// MapStateFailed/ParallelStateFailed only after the last attempt (recorded: test_map_state_retry).
    /// </summary>
    private static void OnFailed(Execution x, Frame frame)
    {
        if (frame.PendingFailureEvent is { } type)
        {
            frame.PendingFailureEvent = null;
            x.Emit(frame, type);
        }
    }

    /// <summary>One attempt: the state's whole data flow and work. Errors come back as values.</summary>
    protected abstract ValueTask<StateOutcome> AttemptAsync(Execution x, Frame frame, JValue input, StateEntry entry, int retryCount);

    /// <summary>
    /// Runs attempts synchronously while they and the retry delays complete synchronously (in-process
    /// handlers, a virtual clock with nothing else to run); the first that does not hands over to <see cref="HandleAsync"/>.
    /// </summary>
    public override ValueTask<StateOutcome> ExecuteAsync(Execution x, Frame frame, JValue input, StateEntry entry)
    {
#pragma warning disable CA2012 // The synchronous fast path: the ValueTask is either returned as is or handed over, never read twice.
        var first = AttemptAsync(x, frame, input, entry, 0);
#pragma warning restore CA2012
        return first.IsCompletedSuccessfully && first.Result.Error is null ? first : RetryOrCatch(x, frame, input, entry, first);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<StateOutcome> RetryOrCatch(Execution x, Frame frame, JValue input, StateEntry entry, ValueTask<StateOutcome> pending)
    {
        int[]? attempts = null;
        var retryCount = 0;
        while (true)
        {
            if (!pending.IsCompletedSuccessfully)
                return HandleAsync(x, frame, input, entry, pending, attempts, retryCount);
            var outcome = Settled(x, frame, pending.Result, entry);
            if (outcome.Error is null || !ShouldRetry(x, frame, input, entry, ref outcome, ref attempts, out var delay))
                return new ValueTask<StateOutcome>(outcome);
            var waited = x.DelayAsync(delay, frame);
            if (!waited.IsCompletedSuccessfully)
                return RetryAfterAsync(x, frame, input, entry, waited, attempts, retryCount);
            if (!waited.Result)
                return new ValueTask<StateOutcome>(StateOutcome.Fail(NotRetried(x, frame)));
            retryCount++;
            pending = Retry(x, frame, input, entry, retryCount);
        }
    }

    /// <summary>The event AWS records when the state is stopped while it runs (a sibling branch failed).</summary>
    protected abstract string AbortedEventType { get; }

    /// <summary>A retry backoff cut short: by a sibling branch's failure (the state is aborted) or the execution's end.</summary>
    private StatesError NotRetried(Execution x, Frame frame)
    {
        if (!BranchAbort.Requested(x, frame))
            return Execution.TimeoutError();
        x.Emit(frame, AbortedEventType);
        return BranchAbort.Error;
    }

    /// <summary>The Failed event type this state records after an EvaluationFailed (Map: MapStateFailed), if any.</summary>
    protected virtual string? FailedEventType => null;

    private StatesError DataFlowFailed(Execution x, Frame frame, StatesError error, StateEntry entry)
    {
        var prefixed = Prefixed(error, entry);
        if (prefixed.Error == StatesErrors.QueryEvaluationError)
        {
            ScopeRunner.EvaluationFailed(x, frame, this, prefixed, entry);
            frame.PendingFailureEvent = FailedEventType;
        }

        return prefixed;
    }

    /// <summary>An attempt's data-flow error takes the state's cause prefix (and EvaluationFailed) before Retry and Catch see it.</summary>
    private StateOutcome Settled(Execution x, Frame frame, in StateOutcome outcome, StateEntry entry) =>
        outcome.InDataFlow ? StateOutcome.Fail(DataFlowFailed(x, frame, outcome.Error!, entry)) : outcome;

    private ValueTask<StateOutcome> Retry(Execution x, Frame frame, JValue input, StateEntry entry, int retryCount)
    {
        frame.PendingFailureEvent = null;
        x.CountTransition();
        return AttemptAsync(x, frame, input, entry, retryCount);
    }

    /// <summary>A retry delay that did not elapse at once (real clock): wait, then go on asynchronously.</summary>
    private async ValueTask<StateOutcome> RetryAfterAsync(Execution x, Frame frame, JValue input, StateEntry entry, ValueTask<bool> waited, int[]? attempts, int retryCount)
    {
        if (!await waited.ConfigureAwait(false))
            return StateOutcome.Fail(NotRetried(x, frame));
        retryCount++;
        return await HandleAsync(x, frame, input, entry, Retry(x, frame, input, entry, retryCount), attempts, retryCount).ConfigureAwait(false);
    }

    private async ValueTask<StateOutcome> HandleAsync(Execution x, Frame frame, JValue input, StateEntry entry, ValueTask<StateOutcome> pending, int[]? attempts, int retryCount)
    {
        while (true)
        {
            var outcome = Settled(x, frame, await pending.ConfigureAwait(false), entry);
            if (outcome.Error is null || !ShouldRetry(x, frame, input, entry, ref outcome, ref attempts, out var delay))
                return outcome;
            if (!await x.DelayAsync(delay, frame).ConfigureAwait(false))
                return StateOutcome.Fail(NotRetried(x, frame));
            retryCount++;
            pending = Retry(x, frame, input, entry, retryCount);
        }
    }

    /// <summary>
    /// After a failed attempt: true with the delay when a retrier grants another attempt; otherwise
    /// false with <paramref name="outcome"/> replaced by a matching catcher's (or left as the error).
    /// </summary>
    private bool ShouldRetry(Execution x, Frame frame, JValue input, StateEntry entry, ref StateOutcome outcome, ref int[]? attempts, out TimeSpan delay)
    {
        delay = default;
        var error = outcome.Error!;
        if (frame.Cancellation.IsCancellationRequested || x.TimedOut || BranchAbort.Is(error))
        {
            OnFailed(x, frame);
            return false;
        }

        var retrier = FindRetrier(error.Error, out var index);
        if (x.Inspector is { } test)
        {
            // TestState answers RETRIABLE at once instead of waiting through the backoff.
            if (retrier is not null && test.Retry(index, retrier))
                return false;
        }
        else if (retrier is not null)
        {
            attempts ??= new int[_retriers.Length];
            if (attempts[index] < retrier.MaxAttempts)
            {
                attempts[index]++;
                delay = retrier.Delay(attempts[index], x.Services.NextDouble());
                return true;
            }
        }

        OnFailed(x, frame);
        for (var i = 0; i < Catchers.Length; i++)
        {
            var c = Catchers[i];
            if (!ErrorMatcher.Matches(c.ErrorEquals, error.Error))
                continue;
            x.Inspector?.Catch(i, error);
            var context = c.UsesContext ? x.Context(Name, entry.Time) : JObject.Empty;
            var output = c.Apply(x, frame, input, error, context);
            outcome = output.Failed ? StateOutcome.Fail(Prefixed(output.Error, entry)) : StateOutcome.Caught(output.Value, c);

            return false;
        }

        return false;
    }

    private CompiledRetrier? FindRetrier(string error, out int index)
    {
        for (index = 0; index < _retriers.Length; index++)
        {
            if (ErrorMatcher.Matches(_retriers[index].ErrorEquals, error))
                return _retriers[index];
        }

        return null;
    }

    /// <summary>Task and Parallel: the work's input, through InputPath and Parameters (JSONPath) or Arguments (JSONata).</summary>
    protected Evaluated Parameters(JValue input, in PayloadSteps steps, in EvaluationScope scope)
    {
        if (IsJsonata)
            return steps.Arguments is null ? input : steps.Arguments.Evaluate(scope);
        var effective = EffectiveInput(input, scope);
        return steps.Parameters is null || effective.Failed ? effective : steps.Parameters.Evaluate(scope.WithInput(effective.Value));
    }

    /// <summary>The state's outcome from its work's result: the JSONPath or JSONata result handling, then Next (Task writes it out on its hot path).</summary>
    protected StateOutcome Completed(Execution x, Frame frame, JValue input, JValue result, in PayloadSteps steps, in EvaluationScope scope)
    {
        var output = IsJsonata
            ? FinishJsonata(frame, result, scope)
            : FinishJsonPath(x, frame, input, result, steps.ResultSelector, steps.ResultPath, scope);
        return output.Failed ? StateOutcome.DataFlowFail(output.Error) : StateOutcome.Continue(output.Value, Next);
    }

    /// <summary>JSONPath result handling shared by Task/Parallel/Map: ResultSelector, ResultPath, OutputPath.</summary>
    protected Evaluated FinishJsonPath(Execution x, Frame frame, JValue rawInput, JValue result, PayloadTemplate? selector, ResultStep? resultPath, in EvaluationScope scope)
    {
        if (selector is not null)
        {
            var selected = selector.Evaluate(scope.WithInput(result));
            if (selected.Failed)
                return selected;
            result = selected.Value;
        }

        var afterResultPath = ResultStep.Apply(resultPath, rawInput, result);
        if (afterResultPath.Failed)
            return afterResultPath;
        if (x.Inspector is { } test)
        {
            test.Data.AfterResultSelector = result;
            test.Data.AfterResultPath = afterResultPath.Value;
        }

        var output = ApplyOutputPath(afterResultPath.Value, scope);
        if (output.Failed)
            return output;
        return Assign?.Apply(frame, scope.WithInput(result)) is { } assignFailed ? assignFailed : output;
    }

    /// <summary>JSONata result handling: Output (default: the result) and Assign, with $states.result.</summary>
    protected Evaluated FinishJsonata(Frame frame, JValue result, in EvaluationScope scope)
    {
        var withResult = scope.WithResult(result);
        var output = Output is null ? result : Output.Evaluate(withResult);
        if (output.Failed)
            return output;
        return Assign?.Apply(frame, withResult) is { } assignFailed ? assignFailed : output;
    }
}
