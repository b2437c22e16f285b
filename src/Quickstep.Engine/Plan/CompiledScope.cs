namespace Quickstep.Engine.Plan;

/// <summary>A compiled States block: the machine, a Parallel branch, or a Map processor.</summary>
internal sealed class CompiledScope(CompiledState start, IReadOnlyList<CompiledState> states)
{
    public CompiledState Start { get; } = start;

    public IReadOnlyList<CompiledState> States { get; } = states;
}
