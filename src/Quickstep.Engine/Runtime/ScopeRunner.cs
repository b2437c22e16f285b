using Quickstep.Asl.Errors;
using Quickstep.Engine.History;
using Quickstep.Engine.Plan;
using Quickstep.Json;

namespace Quickstep.Engine.Runtime;

/// <summary>
/// The state loop of one scope (the machine, a branch, an iteration). Runs synchronously while
/// states complete synchronously (Pass, Choice, in-process tasks) and switches to an async
/// continuation only when one does not.
/// </summary>
internal static class ScopeRunner
{
    public static ValueTask<ScopeResult> RunAsync(Execution x, CompiledScope scope, Frame frame, JValue input)
    {
        var state = scope.Start;
        while (true)
        {
            // One clock read a transition: the deadline check and StateEntered's time.
            var now = x.Time.GetUtcNow();
            if (Stopped(x, frame, now) is { } stop)
                return new ValueTask<ScopeResult>(stop);
            var entry = Enter(x, frame, state, input, now);
            ValueTask<StateOutcome> pending;
            try
            {
                pending = state.ExecuteAsync(x, frame, input, entry);
            }
            catch (OperationCanceledException) when (x.Halted)
            {
                return new ValueTask<ScopeResult>(HaltedResult(x, frame));
            }

            if (!pending.IsCompletedSuccessfully)
                return ContinueAsync(x, scope, frame, state, entry, pending);
            var outcome = pending.Result;
            if (outcome.Error is not null)
                return new ValueTask<ScopeResult>(Left(x, frame, state, outcome, entry));
            var output = outcome.Output!;
            if (TooLarge(x, state, output) is { } large)
                return new ValueTask<ScopeResult>(large);
            Exit(x, frame, state, output, outcome);
            if (outcome.Next is null)
                return new ValueTask<ScopeResult>(ScopeResult.Success(output));
            state = outcome.Next;
            input = output;
        }
    }

    private static async ValueTask<ScopeResult> ContinueAsync(Execution x, CompiledScope scope, Frame frame, CompiledState state, StateEntry entry, ValueTask<StateOutcome> pending)
    {
        while (true)
        {
            StateOutcome outcome;
            try
            {
                outcome = await pending.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (x.Halted)
            {
                return HaltedResult(x, frame);
            }

            if (outcome.Error is not null)
                return Left(x, frame, state, outcome, entry);
            var output = outcome.Output!;
            if (TooLarge(x, state, output) is { } large)
                return large;
            Exit(x, frame, state, output, outcome);
            if (outcome.Next is null)
                return ScopeResult.Success(output);
            state = outcome.Next;

            // Run on synchronously until the next state that does not complete at once.
            while (true)
            {
                var now = x.Time.GetUtcNow();
                if (Stopped(x, frame, now) is { } stop)
                    return stop;
                entry = Enter(x, frame, state, output, now);
                try
                {
#pragma warning disable CA2012 // The synchronous fast path: each ValueTask is read once, by .Result when it completed or by the await at the top of the loop.
                    pending = state.ExecuteAsync(x, frame, output, entry);
#pragma warning restore CA2012
                }
                catch (OperationCanceledException) when (x.Halted)
                {
                    return HaltedResult(x, frame);
                }

                if (!pending.IsCompletedSuccessfully)
                    break;
                var next = pending.Result;
                if (next.Error is not null)
                    return Left(x, frame, state, next, entry);
                output = next.Output!;
                if (TooLarge(x, state, output) is { } tooLarge)
                    return tooLarge;
                Exit(x, frame, state, output, next);
                if (next.Next is null)
                    return ScopeResult.Success(output);
                state = next.Next;
            }
        }
    }

    /// <summary>A state output over the payload limit ends the execution with States.DataLimitExceeded (not catchable).</summary>
    private static ScopeResult? TooLarge(Execution x, CompiledState state, JValue output) =>
        output.Utf8Size <= x.Engine.Options.MaxPayloadBytes ? null
            : ScopeResult.Failure(new StatesError(StatesErrors.DataLimitExceeded, $"The state/task '{state.Name}' returned a result with a size exceeding the maximum number of bytes service limit."));

    /// <summary>
    /// An error leaves the scope. In a Parallel branch, the Task it came from is still open when the
    /// branch fails, and AWS closes it with TaskStateAborted (recorded: test_parallel_catch_error).
    /// </summary>
    private static ScopeResult Left(Execution x, Frame frame, CompiledState state, in StateOutcome outcome, StateEntry entry)
    {
        var error = outcome.Error!;
        if (outcome.InDataFlow)
            return Failed(x, frame, state, error, entry);
        if (x.Span is not null)
            Telemetry.ExecutionTracing.ExitState(frame, error);
        if (frame.AbortsFailedTask && state is CompiledTask && !BranchAbort.Is(error) && !frame.Cancellation.IsCancellationRequested)
            x.Emit(frame, "TaskStateAborted");
        return ScopeResult.Failure(error);
    }

    /// <summary>An evaluation stopped mid-state (StopExecution or the deadline, see <see cref="Execution.ThrowIfStopped"/>).</summary>
    private static ScopeResult HaltedResult(Execution x, Frame frame) =>
        Stopped(x, frame, x.Time.GetUtcNow()) ?? ScopeResult.Failure(new StatesError("States.Aborted", null));

    private static ScopeResult? Stopped(Execution x, Frame frame, DateTimeOffset now)
    {
        if (x.Abort.IsCancellationRequested)
            return ScopeResult.Failure(new StatesError("States.Aborted", null));
        if (frame.Cancellation.IsCancellationRequested)
            return ScopeResult.Failure(BranchAbort.Error);
        if (x.TimedOut || now >= x.Deadline)
        {
            x.TimedOut = true;
            return ScopeResult.Failure(Execution.TimeoutError());
        }

        return null;
    }

    private static ScopeResult Failed(Execution x, Frame frame, CompiledState state, StatesError error, StateEntry entry)
    {
        var prefixed = state.Prefixed(error, entry);
        EvaluationFailed(x, frame, state, prefixed, entry);
        if (x.Span is not null)
            Telemetry.ExecutionTracing.ExitState(frame, prefixed);
        return ScopeResult.Failure(prefixed);
    }

    private static readonly System.Text.RegularExpressions.Regex FieldPattern = new(@"specified for the field '(?<f>[^']*)'|\. The (?<f>\w+) field cannot", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.ExplicitCapture);

    /// <summary>
    /// A JSONata failure records EvaluationFailed {error, cause, location, state}, chained to the
    /// event before the state's StateEntered, or to StateEntered for a state that evaluates while it runs.
    /// </summary>
    public static void EvaluationFailed(Execution x, Frame frame, CompiledState state, StatesError error, StateEntry entry)
    {
        if (error.Error != StatesErrors.QueryEvaluationError)
            return;
        JObject? details = null;
        if (x.Recording)
        {
            var b = new JObjectBuilder(4)
                .AddUnique("cause", JValue.FromString(error.Cause ?? string.Empty))
                .AddUnique("error", JValue.FromString(error.Error));
            if (error.Cause is not null && FieldPattern.Match(error.Cause) is { Success: true } m)
                b.AddUnique("location", JValue.FromString(m.Groups["f"].Value));
            b.AddUnique("state", JValue.FromString(state.Name));
            details = b.Build();
        }

        x.Emit(frame, "EvaluationFailed", "evaluationFailedEventDetails", details, state.EvaluatesWhileRunning ? entry.EventId : frame.EnteredAfterEventId, advance: true);
    }

    private static StateEntry Enter(Execution x, Frame frame, CompiledState state, JValue input, DateTimeOffset now)
    {
        x.CountTransition();
        // A Parallel or Map puts the scope's unit down or lends it to its branches: the spare a Task call left goes first.
        if (frame.HoldsSpareUnit && state is CompiledParallel or CompiledMap)
            x.PutDownSpareUnit(frame);
        if (x.Span is not null)
            Telemetry.ExecutionTracing.EnterState(x, frame, state);
        frame.EnteredAfterEventId = frame.PreviousEventId;
        var id = x.Recording
            ? x.Emit(frame, state.EnteredEventType, "stateEnteredEventDetails", state.EnteredDetails, input)
            : x.Emit(frame, state.EnteredEventType);

        return new StateEntry(id, now);
    }

    private static void Exit(Execution x, Frame frame, CompiledState state, JValue output, in StateOutcome outcome)
    {
        if (x.Span is not null)
            Telemetry.ExecutionTracing.ExitState(frame, null);
        if (!state.EmitsExited)
            return;
        if (!x.Recording)
        {
            x.Emit(frame, state.ExitedEventType);
            return;
        }

        // The variables as assigned now (the frame changes as later states run), by the Catcher that
        // handled an error if one did (recorded: states_variables/test_error_output).
        var assign = outcome.CaughtBy is { } catcher ? catcher.Assign : state.Assign;
        var shape = assign is null ? state.ExitedDetails : new StateExitedDetails(state.NameValue, assign.Describe(frame));
        x.Emit(frame, state.ExitedEventType, "stateExitedEventDetails", shape, output);
    }
}
