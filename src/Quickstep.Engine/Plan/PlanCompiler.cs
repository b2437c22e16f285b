using Quickstep.Asl.Validation;
using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Plan;

/// <summary>
/// Compiles a validated definition into an immutable plan: one compiled object per state, transitions linked.
/// Never parses (the loader's <see cref="ExpressionTable"/> holds every expression) and never throws on a
/// definition: a field it cannot build becomes a diagnostic at that field.
/// </summary>
internal static class PlanCompiler
{
    /// <summary>The plan, or null with the diagnostics of every field that could not be compiled.</summary>
    /// <param name="external">Stands in for a transition target the top scope does not hold (TestState of one state); null: every target must exist.</param>
    public static CompiledPlan? Compile(StateMachineDefinition definition, IReadOnlyList<IResourceHandler> handlers, out IReadOnlyList<Diagnostic> diagnostics, Func<string, CompiledState>? external = null)
    {
        var problems = new List<Diagnostic>();
        var root = CompileScope(definition, handlers, problems, external);
        diagnostics = problems;
        return problems.Count == 0 ? new CompiledPlan(root!, definition.TimeoutSeconds) : null;
    }

    /// <summary>The scope, or null once any state of the definition failed to compile (nothing is linked then).</summary>
    private static CompiledScope? CompileScope(StateMachineDefinition definition, IReadOnlyList<IResourceHandler> handlers, List<Diagnostic> problems, Func<string, CompiledState>? external = null)
    {
        var states = new List<CompiledState>(definition.States.Count);
        var byName = new Dictionary<string, CompiledState>(StringComparer.Ordinal);
        var expressions = definition.Expressions;
        foreach (var model in definition.States)
        {
            CompiledState compiled;
            try
            {
                compiled = model switch
                {
                    PassState s => new CompiledPass(s, expressions),
                    TaskState s => new CompiledTask(s, handlers, expressions),
                    ChoiceState s => new CompiledChoice(s, expressions),
                    WaitState s => new CompiledWait(s, expressions),
                    SucceedState s => new CompiledSucceed(s, expressions),
                    FailState s => new CompiledFail(s, expressions),
                    ParallelState s => new CompiledParallel(s, [.. s.Branches.Select(b => CompileScope(b, handlers, problems)!)], expressions),
                    MapState s => new CompiledMap(s, CompileScope(s.ItemProcessor, handlers, problems)!, handlers, expressions),
                    _ => throw new InvalidOperationException($"Unknown state type {model.GetType().Name}"),
                };
            }
            catch (TemplateCompileException e)
            {
                problems.Add(new Diagnostic(DiagnosticCodes.UncompilableField, e.Pointer ?? model.Pointer, e.Message));
                continue;
            }

            states.Add(compiled);
            byName[compiled.Name] = compiled;
        }

        if (problems.Count > 0)
            return null;

        CompiledState Resolve(Dictionary<string, CompiledState> byName, string name) =>
            external is not null && !byName.ContainsKey(name) ? byName[name] = external(name) : PlanCompiler.Resolve(byName, name);

        foreach (var s in states)
        {
            if (s.NextName is not null)
                s.Next = Resolve(byName, s.NextName);
            if (s is CompiledChoice choice)
            {
                foreach (var (name, link) in choice.Targets)
                    link(Resolve(byName, name));
                if (choice.DefaultName is not null)
                    choice.Default = Resolve(byName, choice.DefaultName);
            }

            if (s is RetryingState retrying)
            {
                foreach (var c in retrying.Catchers)
                    c.Next = Resolve(byName, c.NextName);
            }
        }

        return new CompiledScope(Resolve(byName, definition.StartAt), states);
    }

    private static CompiledState Resolve(Dictionary<string, CompiledState> byName, string name) =>
        byName.TryGetValue(name, out var s) ? s : throw new InvalidOperationException($"No state named '{name}' (the validator should have reported it)");
}
