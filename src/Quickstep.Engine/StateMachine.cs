using Quickstep.Engine.History;
using Quickstep.Engine.Plan;
using Quickstep.Engine.Telemetry;

namespace Quickstep.Engine;

/// <summary>A loaded, compiled state machine. Thread-safe: run as many executions as you like.</summary>
public sealed class StateMachine
{
    internal StateMachine(QuickstepEngine engine, string name, StateMachineType type, CompiledPlan plan)
    {
        Engine = engine;
        Name = name;
        Type = type;
        Plan = plan;
        var o = engine.Options;
        Arn = $"arn:aws:states:{o.Region}:{o.AccountId}:stateMachine:{name}";
        RoleArn = $"arn:aws:iam::{o.AccountId}:role/quickstep-{name}";
        ContextObject = new JObjectBuilder(2)
            .AddUnique("Id", JValue.FromString(Arn))
            .AddUnique("Name", JValue.FromString(name))
            .Build();
    }

    public string Name { get; }

    public string Arn { get; }

    public StateMachineType Type { get; }

    public string RoleArn { get; }

    internal QuickstepEngine Engine { get; }

    /// <summary>Map and Parallel states anywhere in the machine (AWS's Express memory estimate multiplies the data by it).</summary>
    public int MapAndParallelStates => _mapAndParallel ??= CountMapAndParallel(Plan.Root);

    private int? _mapAndParallel;

    private static int CountMapAndParallel(CompiledScope scope)
    {
        var n = 0;
        foreach (var state in scope.States)
        {
            if (state is CompiledMap map)
                n += 1 + CountMapAndParallel(map.Processor);
            else if (state is CompiledParallel parallel)
                n += 1 + parallel.Branches.Sum(CountMapAndParallel);
        }

        return n;
    }

    internal CompiledPlan Plan { get; }

    /// <summary>The context object's "StateMachine" member.</summary>
    internal JObject ContextObject { get; }

    /// <summary>The execution ARN AWS would give: Express "express:sm:name:uuid", Standard "execution:sm:name".</summary>
    public string ExecutionArn(string executionName) => Type == StateMachineType.Express
        ? string.Concat(["arn:aws:states:", Engine.Options.Region, ":", Engine.Options.AccountId, ":express:", Name, ":", executionName, ":", Engine.EvaluationServices.NewGuid().ToString()])
        : $"arn:aws:states:{Engine.Options.Region}:{Engine.Options.AccountId}:execution:{Name}:{executionName}";

    /// <summary>
    /// Runs one execution to its end. Cancelling <paramref name="cancellationToken"/> aborts it (status ABORTED,
    /// no error); <see cref="ExecutionOptions.Stop"/> aborts it with an error and cause.
    /// </summary>
    public async Task<ExecutionResult> ExecuteAsync(JValue input, ExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ExecutionOptions();
        var name = options.Name ?? Engine.EvaluationServices.NewGuid().ToString();
        var arn = options.ExecutionArn ?? ExecutionArn(name);
        var x = new Execution(this, name, arn, input, options, cancellationToken);
        x.Span = ExecutionTracing.StartExecution(this, arn, options.TraceParent);
        ExecutionMetrics.Started(this);

        // The execution is a unit of work until it ends (see IdleTracker).
        var root = new Frame(null, 0, cancellation: x.Abort);
        x.Tracker?.Enter();
        try
        {
            if (x.Recording)
                x.Emit(root, "ExecutionStarted", "executionStartedEventDetails", new PayloadDetails(JObject.Empty, "input", "inputDetails", RoleArnDetails(x)), input);
            else
                x.Emit(root, "ExecutionStarted");

            // AWS chains the first state's StateEntered to 0, not to ExecutionStarted (every recorded history).
            root.PreviousEventId = 0;
            ScopeResult result;
            if (JsonText.Utf8Size(input) > Engine.Options.MaxPayloadBytes)
            {
                result = ScopeResult.Failure(new StatesError(StatesErrors.DataLimitExceeded, $"The state/task '{Plan.Root.Start.Name}' returned a result with a size exceeding the maximum number of bytes service limit."));
            }
            else
            {
                try
                {
                    var run = ScopeRunner.RunAsync(x, Plan.Root, root, input);
                    result = run.IsCompletedSuccessfully ? run.Result : await run.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (x.Halted)
                {
                    // An evaluation stopped by StopExecution or the deadline outside any state's loop.
                    result = ScopeResult.Failure(new StatesError("States.Aborted", null));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bug must fail one execution, not the process that hosts thousands.
                    result = ScopeResult.Failure(new StatesError(StatesErrors.Runtime, $"Internal error in Quickstep: {e.GetType().Name}: {e.Message}"));
                }
            }

            var finished = Finish(x, root, result);
            ExecutionMetrics.Finished(this, finished);
            if (x.Span is { } span)
                ExecutionTracing.EndExecution(span, finished);
            return finished;
        }
        finally
        {
            x.End();
            x.Tracker?.Exit(root.HoldsSpareUnit ? 2 : 1);
        }
    }

    private static readonly PayloadDetails ExecutionSucceededDetails = new(JObject.Empty, "output", "outputDetails");

    private static JObject RoleArnDetails(Execution x) => new JObjectBuilder(1).AddUnique("roleArn", JValue.FromString(x.RoleArn)).Build();

    private static ExecutionResult Finish(Execution x, Frame root, ScopeResult result)
    {
        ExecutionStatus status;
        StatesError? error = result.Error;
        if (result.Error is null)
        {
            status = ExecutionStatus.Succeeded;
            if (x.Recording)
                x.Emit(root, "ExecutionSucceeded", "executionSucceededEventDetails", ExecutionSucceededDetails, result.Output!);
            else
                x.Emit(root, "ExecutionSucceeded");
        }
        else if (x.StopRequested && !x.TimedOut)
        {
            // AWS's ExecutionAborted carries StopExecution's error and cause (none when they were not given).
            status = ExecutionStatus.Aborted;
            error = x.StopSignal is { } stop ? new StatesError(stop.Error ?? "", stop.Cause) : null;
            x.Emit(root, "ExecutionAborted", "executionAbortedEventDetails", error is null ? null : ErrorDetails(x, error));
        }
        else if (x.TimedOut || x.Abort.IsCancellationRequested)
        {
            status = ExecutionStatus.TimedOut;
            x.Emit(root, "ExecutionTimedOut", "executionTimedOutEventDetails", ErrorDetails(x, Execution.TimeoutError()));
        }
        else
        {
            status = ExecutionStatus.Failed;
            x.Emit(root, "ExecutionFailed", "executionFailedEventDetails", ErrorDetails(x, result.Error));
        }

        // A timed-out execution reports neither error nor cause (recorded: timeouts/global_timeout); an aborted
        // one only StopExecution's, never the internal error that stopped its states.
        var timedOut = status == ExecutionStatus.TimedOut;
        return new ExecutionResult
        {
            Status = status,
            Output = result.Output,
            Error = timedOut ? null : error?.Error is { Length: > 0 } e ? e : null,
            Cause = timedOut ? null : error?.Cause,
            ExecutionArn = x.Arn,
            Name = x.Name,
            StartDate = x.StartTime,
            StopDate = x.Time.GetUtcNow(),
            Transitions = x.Transitions,
            History = x.History,
        };
    }

    private static JObject? ErrorDetails(Execution x, StatesError error)
    {
        if (!x.Recording)
            return null;
        var b = new JObjectBuilder(2);
        if (error.Error.Length > 0)
            b.AddUnique("error", JValue.FromString(error.Error));
        if (error.Cause is not null)
            b.AddUnique("cause", JValue.FromString(error.Cause));
        return b.Build();
    }
}
