using Quickstep.Integrations.Functions;

namespace Quickstep.Integrations.States;

/// <summary>Settings of <see cref="StepFunctionsResourceHandler"/>.</summary>
public sealed class StepFunctionsResourceHandlerOptions
{
    /// <summary>How deep executions may start executions (a parent is depth 0, its child 1, …); default 10.</summary>
    public int MaxDepth { get; init; } = 10;

    /// <summary>Request ids in error causes; default random GUIDs.</summary>
    public IRequestIdSource RequestIds { get; init; } = GuidRequestIdSource.Instance;
}
