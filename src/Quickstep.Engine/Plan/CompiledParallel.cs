using Quickstep.Asl.Compilation;
using Quickstep.Asl.Model;
using Quickstep.Engine.Runtime;
using Quickstep.Json;

namespace Quickstep.Engine.Plan;

/// <summary>Parallel: every branch runs on the same input; the result is their outputs in branch order.</summary>
internal sealed class CompiledParallel : RetryingState
{
    private readonly PayloadTemplate? _parameters;
    private readonly JsonataTemplate? _arguments;
    private readonly PayloadTemplate? _resultSelector;
    private readonly ResultStep? _resultPath;
    private readonly bool _usesContext;

    public CompiledParallel(ParallelState model, IReadOnlyList<CompiledScope> branches)
        : base(model, model.Retry, model.Catch)
    {
        Branches = branches;
        if (IsJsonata)
        {
            if (model.Arguments is not null)
                _arguments = JsonataTemplate.Compile(model.Arguments, "Arguments");
        }
        else
        {
            if (model.Parameters is not null)
                _parameters = PayloadTemplate.Compile(model.Parameters);
            if (model.ResultSelector is not null)
                _resultSelector = PayloadTemplate.Compile(model.ResultSelector);
            _resultPath = ResultStep.Compile(model.ResultPath);
        }

        _usesContext = ContextUse.Any(model.Parameters, model.Arguments, model.ResultSelector, model.Output, model.Assign, model.InputPath, model.OutputPath);
    }

    public IReadOnlyList<CompiledScope> Branches { get; }

    protected override string? FailedEventType => "ParallelStateFailed";


    protected override async ValueTask<StateOutcome> AttemptAsync(Execution x, Frame frame, JValue input, StateEntry entry, int retryCount)
    {
        var scope = x.Scope(input, _usesContext ? Context(x, entry) : JObject.Empty, frame);
        if (x.Inspector?.Mock is { } mock)
            return Mocked(x, frame, input, mock, scope);
        JValue branchInput;
        if (IsJsonata)
        {
            branchInput = _arguments is null ? input : _arguments.Evaluate(scope);
        }
        else
        {
            var effective = EffectiveInput(input, scope);
            branchInput = _parameters is null ? effective : _parameters.Evaluate(scope.WithInput(effective));
        }

        var startedId = x.Emit(frame, "ParallelStateStarted");
        var results = new JValue[Branches.Count];
        var frames = new Frame[Branches.Count];
        List<(int Index, ValueTask<ScopeResult> Pending)>? pending = null;
        Asl.Errors.StatesError? failure = null;
        Frame? failedFrame = null;
        for (var i = 0; i < Branches.Count; i++)
        {
            var branchFrame = frames[i] = new Frame(frame, startedId);
            var run = ScopeRunner.RunAsync(x, Branches[i], branchFrame, branchInput);
            if (run.IsCompletedSuccessfully)
            {
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
                (pending ??= []).Add((i, run));
            }
        }

        if (pending is not null)
        {
            foreach (var (index, run) in pending)
            {
                var r = await run.ConfigureAwait(false);
                if (r.Error is not null && failure is null)
                {
                    failure = r.Error;
                    failedFrame = frames[index];
                }
                else if (r.Error is null)
                {
                    results[index] = r.Output!;
                }
            }
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
        var result = JArray.Own(results);
        var output = IsJsonata
            ? FinishJsonata(frame, result, scope)
            : FinishJsonPath(x, frame, input, result, _resultSelector, _resultPath, scope);
        return StateOutcome.Continue(output, Next);
    }

    /// <summary>TestState with a mock: the branches do not run; the mocked result (or error) stands for them.</summary>
    private StateOutcome Mocked(Execution x, Frame frame, JValue input, Testing.StateTestMock mock, in Asl.Compilation.EvaluationScope scope)
    {
        if (mock.Error is { } error)
            return StateOutcome.Fail(error);
        var result = mock.Result ?? JValue.Null;
        var output = IsJsonata
            ? FinishJsonata(frame, result, scope)
            : FinishJsonPath(x, frame, input, result, _resultSelector, _resultPath, scope);
        return StateOutcome.Continue(output, Next);
    }
}
