namespace Quickstep.Engine.Plan;

/// <summary>Parallel: every branch runs on the same input; the result is their outputs in branch order.</summary>
internal sealed class CompiledParallel : RetryingState
{
    private readonly PayloadSteps _payload;
    private readonly bool _usesContext;

    public CompiledParallel(ParallelState model, IReadOnlyList<CompiledScope> branches, ExpressionTable expressions)
        : base(model, model.Retry, model.Catch, expressions)
    {
        Branches = branches;
        _payload = new PayloadSteps(IsJsonata, model.Parameters, model.Arguments, model.ResultSelector, model.ResultPath, expressions);

        _usesContext = ContextUse.Any(model.Parameters, model.Arguments, model.ResultSelector, model.Output, model.Assign, model.InputPath, model.OutputPath);
    }

    public IReadOnlyList<CompiledScope> Branches { get; }

    protected override string? FailedEventType => "ParallelStateFailed";

    protected override string AbortedEventType => "ParallelStateAborted";

    /// <summary>
    /// A branch's run; an exception thrown at once (a bug) becomes its faulted result, drained like any other
    /// (<see cref="Branch"/> puts down what its frame still holds).
    /// </summary>
    private static ValueTask<ScopeResult> RunBranch(Execution x, CompiledScope scope, Frame frame, JValue input)
    {
        try
        {
            return ScopeRunner.RunAsync(x, scope, frame, input);
        }
        catch (Exception e)
        {
            return ValueTask.FromException<ScopeResult>(e);
        }
    }

    private static async Task<(int Index, ScopeResult Result)> Branch(Execution x, Frame frame, int index, ValueTask<ScopeResult> run)
    {
        try
        {
            return (index, await run.ConfigureAwait(false));
        }
        catch
        {
            TrackedCall.Crashed(x, frame);
            throw;
        }
    }


    protected override async ValueTask<StateOutcome> AttemptAsync(Execution x, Frame frame, JValue input, StateEntry entry, int retryCount)
    {
        var scope = x.Scope(input, _usesContext ? Context(x, entry) : JObject.Empty, frame);
        if (x.Inspector?.Mock is { } mock)
            return Mocked(x, frame, input, mock, scope);
        var evaluated = Parameters(input, _payload, scope);
        if (evaluated.Failed)
            return StateOutcome.DataFlowFail(evaluated.Error);
        var branchInput = evaluated.Value;

        var startedId = x.Emit(frame, "ParallelStateStarted");
        var count = Branches.Count;
        var results = new JValue[count];
        var frames = new Frame[count];

        // Branches beside others can be aborted when one fails (AWS fails the Parallel at once).
        using var group = count > 1 ? CancellationTokenSource.CreateLinkedTokenSource(frame.Cancellation) : null;
        List<Task<(int Index, ScopeResult Result)>>? pending = null;
        Asl.Errors.StatesError? failure = null;
        Frame? failedFrame = null;
        // Branches beside others are units of work of their own: each holds one while it runs, and the Parallel
        // puts its own down while it waits for them (a finished branch hands its unit over until it is counted).
        var tracker = count > 1 ? x.Tracker : null;
        for (var i = 0; i < count; i++)
        {
            var branchFrame = frames[i] = new Frame(frame, startedId, cancellation: group?.Token, concurrent: count > 1) { AbortsFailedTask = true };
            tracker?.Enter();
            var run = RunBranch(x, Branches[i], branchFrame, branchInput);
            if (run.IsCompletedSuccessfully)
            {
                tracker?.Exit();
                var r = run.Result;
                if (r.Error is not null)
                {
                    failure = r.Error;
                    failedFrame = branchFrame;
                    break;
                }

                results[i] = r.Output!;
            }
            else
            {
                (pending ??= []).Add(Branch(x, branchFrame, i, run));
            }
        }

        if (pending is not null)
        {
            if (failure is not null)
                group!.Cancel();
            tracker?.Exit();
            Task? crashed = null;
            while (true)
            {
                var done = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(done);
                if (!done.IsCompletedSuccessfully)
                {
                    // A bug in a branch (an exception, not a States error): the other branches are aborted and drained
                    // first, so each puts its unit down, then the exception fails the execution.
                    crashed ??= done;
                    group?.Cancel();
                }
                else
                {
                    var (index, r) = await done.ConfigureAwait(false);
                    if (r.Error is null)
                    {
                        results[index] = r.Output!;
                    }
                    else if (failure is null || (BranchAbort.Is(failure) && !BranchAbort.Is(r.Error)))
                    {
                        // The first real failure fails the Parallel now; the other branches are aborted.
                        failure = r.Error;
                        failedFrame = frames[index];
                        group!.Cancel();
                    }
                }

                if (pending.Count == 0)
                    break;
                // The finished branch's unit goes down before the Parallel waits again; the last one is the Parallel's own.
                tracker?.Exit();
            }

            if (crashed is not null)
                await crashed.ConfigureAwait(false);
        }

        if (BranchAbort.Requested(x, frame))
        {
            // An enclosing branch was aborted: this Parallel ends with ParallelStateAborted, not Failed.
            frame.PendingFailureEvent = AbortedEventType;
            return StateOutcome.Fail(BranchAbort.Error);
        }

        if (failure is not null)
        {
            // ParallelStateFailed (emitted by OnFailed once no retry follows) points at the failing branch's last event.
            frame.PreviousEventId = failedFrame!.PreviousEventId;
            frame.PendingFailureEvent = "ParallelStateFailed";
            return StateOutcome.Fail(failure);
        }

        // ParallelStateSucceeded and ParallelStateExited both point at the last branch event.
        var last = startedId;
        foreach (var f in frames)
        {
            if (f is not null && f.PreviousEventId > last)
                last = f.PreviousEventId;
        }

        frame.PreviousEventId = last;
        x.Emit(frame, "ParallelStateSucceeded", null, null, last, advance: false);
        return Completed(x, frame, input, JArray.Own(results), _payload, scope);
    }

    /// <summary>TestState with a mock: the branches do not run; the mocked result (or error) stands for them.</summary>
    private StateOutcome Mocked(Execution x, Frame frame, JValue input, Testing.StateTestMock mock, in Asl.Compilation.EvaluationScope scope)
    {
        if (mock.Error is { } error)
            return StateOutcome.Fail(error);
        return Completed(x, frame, input, mock.Result ?? JValue.Null, _payload, scope);
    }
}
