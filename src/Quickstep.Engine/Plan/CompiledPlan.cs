namespace Quickstep.Engine.Plan;

/// <summary>An immutable executable plan, compiled once per definition and shared by every execution.</summary>
internal sealed class CompiledPlan(CompiledScope root, int? timeoutSeconds)
{
    public CompiledScope Root { get; } = root;

    public int? TimeoutSeconds { get; } = timeoutSeconds;
}
