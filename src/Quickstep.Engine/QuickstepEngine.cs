using Quickstep.Asl.Parsing;
using Quickstep.Engine.Plan;

namespace Quickstep.Engine;

/// <summary>
/// The entry point for embedders: load (validate and compile) definitions once, then run any
/// number of executions of them, concurrently.
/// <code>
/// var engine = new QuickstepEngine(new EngineOptions { ResourceHandlers = [lambda] });
/// var machine = engine.Load(File.ReadAllText("hello.asl.json"), "hello");
/// var result = await machine.ExecuteAsync(JValue.Parse("{\"name\":\"world\"}"));
/// </code>
/// </summary>
public sealed class QuickstepEngine
{
    public QuickstepEngine(EngineOptions? options = null)
    {
        Options = options ?? new EngineOptions();
        EvaluationServices = Options.EvaluationServices ?? new DefaultEvaluationServices(Options.TimeProvider);
    }

    public EngineOptions Options { get; }

    internal IEvaluationServices EvaluationServices { get; }

    /// <summary>Validates and compiles; throws <see cref="InvalidDefinitionException"/> with every diagnostic.</summary>
    public StateMachine Load(string definitionJson, string name, StateMachineType type = StateMachineType.Express)
    {
        var result = TryLoad(definitionJson, name, type);
        return result.Machine ?? throw new InvalidDefinitionException(result.Diagnostics);
    }

    /// <summary>
    /// Validates and compiles in one pass that never throws on bad input: the machine, or every diagnostic
    /// (a field the compiler cannot build is one too, at its pointer).
    /// </summary>
    public StateMachineLoadResult TryLoad(string definitionJson, string name, StateMachineType type = StateMachineType.Express)
    {
        var loaded = DefinitionLoader.Load(definitionJson, new LoadOptions { Express = type == StateMachineType.Express && Options.Express });
        if (!loaded.IsValid)
            return new StateMachineLoadResult(null, loaded.Diagnostics) { Definition = loaded.Definition };
        var plan = PlanCompiler.Compile(loaded.Definition!, Options.ResourceHandlers, out var problems);
        var machine = plan is null ? null : new StateMachine(this, name, type, plan);
        return new StateMachineLoadResult(machine, plan is null ? problems : []) { Definition = loaded.Definition };
    }

    /// <summary>Convenience: load and run once.</summary>
    public Task<ExecutionResult> ExecuteAsync(string definitionJson, string name, JValue input, ExecutionOptions? options = null, CancellationToken cancellationToken = default) =>
        Load(definitionJson, name).ExecuteAsync(input, options, cancellationToken);
}
