using Quickstep.Asl.Parsing;
using Quickstep.Asl.Validation;
using Quickstep.Engine.Plan;
using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Testing;

/// <summary>
/// TestState: runs one state once, with the given input, context, variables and mock, and reports
/// what happened (see <see cref="QuickstepEngineTesting.TestStateAsync"/>).
/// </summary>
internal static class StateTester
{
    /// <summary>The name AWS gives a state tested on its own (its pointer is /States/StateName).</summary>
    private const string SingleStateName = "StateName";

    public static async Task<StateTestResult> RunAsync(QuickstepEngine engine, StateTestRequest request, IMockResultValidator? validator, CancellationToken cancellationToken)
    {
        var mock = request.Mock;
        if (mock is not null && mock.Result is not null && mock.Error is not null)
            throw Validation("A test mock should have only one of the following fields: [result, errorOutput].");
        if (mock is not null && request.RevealSecrets)
            throw Validation("TestState does not support RevealSecrets when a mock is specified.");

        var (definition, name) = Load(request);
        var model = Find(definition, name) ?? throw Validation("State not found in definition");
        CheckMock(model, request);
        StateContextRules.Check(request.Context, model);
        if (mock?.Result is { } result && model is TaskState task && mock.FieldValidationMode != MockFieldValidationMode.None
            && validator?.Validate(task.Resource, result, mock.FieldValidationMode) is { } problem)
            throw Validation("Mock result schema validation error: " + problem);

        IReadOnlyList<IResourceHandler> handlers = mock is null ? engine.Options.ResourceHandlers : [new MockedTaskHandler(mock)];
        var plan = PlanCompiler.Compile(definition, handlers, out var problems, static target => new ExternalState(target))
            ?? throw new InvalidDefinitionException(problems);
        var state = Find(plan.Root, name)!;
        var machine = new StateMachine(engine, "TestState", StateMachineType.Express, plan);
        var itemReaderData = model is MapState { ItemReader: not null } ? request.Configuration?.MapItemReaderData : null;
        var inspector = new StateInspector(request, itemReaderData);
        var options = new ExecutionOptions { RoleArn = request.RoleArn, Synchronous = true };
        var executionName = engine.EvaluationServices.NewGuid().ToString();
        var x = new Execution(machine, executionName, machine.ExecutionArn(executionName), request.Input, options, cancellationToken) { Inspector = inspector };
        var frame = new Frame(null, 0);
        if (request.Variables is { } variables)
        {
            foreach (var (key, value) in variables)
                frame.Set(key, value);
        }

        inspector.Data.Input = request.Input;
        var entry = new StateEntry(x.Emit(frame, state.EnteredEventType), x.Time.GetUtcNow());
        StateOutcome outcome;
        x.Tracker?.Enter();
        try
        {
            // A data-flow error is reported as raised, without the cause prefix an execution adds.
            outcome = await state.ExecuteAsync(x, frame, request.Input, entry).ConfigureAwait(false);
        }
        finally
        {
            x.End(); // the execution's abort source and deadline timer
            x.Tracker?.Exit(frame.HoldsSpareUnit ? 2 : 1);
        }

        inspector.RecordVariables(frame);
        return Report(request, state, entry, outcome, inspector);
    }

    private static StateTestResult Report(StateTestRequest request, CompiledState state, StateEntry entry, StateOutcome outcome, StateInspector inspector)
    {
        var details = inspector.Details;
        if (details.RetryIndex is not null || details.CatchIndex is not null)
            inspector.Data.ErrorDetails = details;
        var inspection = request.InspectionLevel == InspectionLevel.Info ? null : inspector.Data;
        if (outcome.Error is { } error)
        {
            // TestState reports the state's own error, without the "entered at the event id" prefix an execution adds.
            var prefix = state.CausePrefix(entry);
            var cause = error.Cause is { } c && c.StartsWith(prefix, StringComparison.Ordinal) ? c[prefix.Length..] : error.Cause;
            return new StateTestResult
            {
                Status = inspector.Retriable ? StateTestStatus.Retriable : StateTestStatus.Failed,
                Error = error.Error.Length > 0 ? error.Error : null,
                Cause = cause,
                Inspection = inspection,
            };
        }

        if (outcome.CaughtBy is { } catcher)
        {
            return new StateTestResult
            {
                Status = StateTestStatus.CaughtError,
                Output = outcome.Output,
                NextState = catcher.NextName,
                Error = inspector.Caught?.Error,
                Cause = inspector.Caught?.Cause,
                Inspection = inspection,
            };
        }

        return new StateTestResult
        {
            Status = StateTestStatus.Succeeded,
            Output = outcome.Output,
            NextState = outcome.Next?.Name,
            Inspection = inspection,
        };
    }

    /// <summary>
    /// Parses and validates the definition: a whole machine (the state is picked by name), or one
    /// state, validated as the only state of a machine whose transitions may lead outside it.
    /// </summary>
    private static (StateMachineDefinition Definition, string Name) Load(StateTestRequest request)
    {
        var text = request.Definition;
        var single = JsonText.TryParse(text, out var parsed, out _) && parsed is JObject o && !o.ContainsKey("States");
        string name;
        if (single)
        {
            name = SingleStateName;
            text = "{\"StartAt\":\"" + SingleStateName + "\",\"States\":{\"" + SingleStateName + "\":" + text + "}}";
        }
        else
        {
            name = request.StateName ?? (parsed is JObject m && m["StartAt"] is JString s ? s.Value : string.Empty);
        }

        var loaded = DefinitionLoader.Load(text, new LoadOptions { Express = false });
        var diagnostics = single ? [.. loaded.Diagnostics.Where(d => !IsOutsideTarget(d))] : loaded.Diagnostics;
        if (diagnostics.Count > 0 || loaded.Definition is null)
            throw new InvalidDefinitionException(diagnostics);
        return (loaded.Definition, name);
    }

    /// <summary>
    /// A transition of the tested state to a state that is not part of the test, or the lone state's
    /// machine having no terminal state (its transitions lead outside the test).
    /// </summary>
    private static bool IsOutsideTarget(Diagnostic d) =>
        (d.Code == DiagnosticCodes.MissingEndState && d.Pointer.Length == 0) ||
        d.Code == DiagnosticCodes.NoSuchState && d.Pointer.StartsWith("/States/" + SingleStateName + "/", StringComparison.Ordinal)
        && !d.Pointer.Contains("/Branches/", StringComparison.Ordinal) && !d.Pointer.Contains("/ItemProcessor/", StringComparison.Ordinal) && !d.Pointer.Contains("/Iterator/", StringComparison.Ordinal);

    private static void CheckMock(State model, StateTestRequest request)
    {
        var mock = request.Mock;
        var mockable = model is TaskState or MapState or ParallelState;
        if (mock is not null && !mockable)
            throw Validation($"State type '{model.Type}' is not supported when a mock is specified");
        if (mock is null && model is MapState or ParallelState)
            throw new StateTestException("TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]", isDefinitionError: true);
        if (mock?.Result is not { } result)
            return;
        if (model is ParallelState parallel)
        {
            if (result is not JArray branches)
                throw Validation("Mocked result must be an array.");
            if (branches.Count != parallel.Branches.Count)
                throw Validation("Mocked result must contain the same number of items as number of Parallel branches.");
        }
        else if (model is MapState map)
        {
            if (map.ResultWriter is not null && result is not JObject)
                throw Validation("Mocked result must be a JSON object.");
            if (map.ResultWriter is null && result is not JArray)
                throw Validation("Mocked result must be an array.");
            if (result is JArray items && request.Configuration?.MapIterationFailureCount > items.Count)
                throw Validation("Map iteration failure count must be less than or equal to the number of Map iterations");
        }
    }

    private static StateTestException Validation(string message) => new(message, isDefinitionError: false);

    private static State? Find(StateMachineDefinition scope, string name) =>
        Find(scope.States, name, static s => s.Name, static s => s switch
        {
            MapState m => [m.ItemProcessor.States],
            ParallelState p => p.Branches.Select(static b => b.States),
            _ => [],
        });

    /// <summary>The compiled state of that name (not a stand-in for a state outside the test).</summary>
    private static CompiledState? Find(CompiledScope scope, string name) =>
        Find(scope.States, name, static s => s is ExternalState ? null : s.Name, static s => s switch
        {
            CompiledMap m => [m.Processor.States],
            CompiledParallel p => p.Branches.Select(static b => b.States),
            _ => [],
        });

    /// <summary>The first state named <paramref name="name"/>, depth first through the scopes <paramref name="inner"/> gives (Map processors, Parallel branches).</summary>
    private static T? Find<T>(IEnumerable<T> states, string name, Func<T, string?> nameOf, Func<T, IEnumerable<IEnumerable<T>>> inner)
        where T : class
    {
        foreach (var s in states)
        {
            if (nameOf(s) == name)
                return s;
            foreach (var scope in inner(s))
            {
                if (Find(scope, name, nameOf, inner) is { } found)
                    return found;
            }
        }

        return null;
    }
}
