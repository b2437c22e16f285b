using Quickstep.Asl.Model;
using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Plan;

/// <summary>Compiles a validated definition into an immutable plan: one compiled object per state, transitions linked.</summary>
internal static class PlanCompiler
{
    /// <param name="external">Stands in for a transition target the top scope does not hold (TestState of one state); null: every target must exist.</param>
    public static CompiledPlan Compile(StateMachineDefinition definition, IReadOnlyList<IResourceHandler> handlers, Func<string, CompiledState>? external = null) =>
        new(CompileScope(definition, handlers, external), definition.TimeoutSeconds);

    private static CompiledScope CompileScope(StateMachineDefinition definition, IReadOnlyList<IResourceHandler> handlers, Func<string, CompiledState>? external = null)
    {
        var states = new List<CompiledState>(definition.States.Count);
        var byName = new Dictionary<string, CompiledState>(StringComparer.Ordinal);
        var expressions = definition.Expressions;
        foreach (var model in definition.States)
        {
            CompiledState compiled = model switch
            {
                PassState s => new CompiledPass(s, expressions),
                TaskState s => new CompiledTask(s, handlers, expressions),
                ChoiceState s => new CompiledChoice(s, expressions),
                WaitState s => new CompiledWait(s, expressions),
                SucceedState s => new CompiledSucceed(s, expressions),
                FailState s => new CompiledFail(s, expressions),
                ParallelState s => new CompiledParallel(s, [.. s.Branches.Select(b => CompileScope(b, handlers))], expressions),
                MapState s => new CompiledMap(s, CompileScope(s.ItemProcessor, handlers), handlers, expressions),
                _ => throw new InvalidOperationException($"Unknown state type {model.GetType().Name}"),
            };
            states.Add(compiled);
            byName[compiled.Name] = compiled;
        }

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
