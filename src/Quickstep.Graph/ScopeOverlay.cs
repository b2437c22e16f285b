namespace Quickstep.Graph;

/// <summary>One Map iteration or Parallel branch: its status and the runs of its own states.</summary>
public sealed class ScopeOverlay
{
    public required int Index { get; init; }

    public required NodeStatus Status { get; init; }

    /// <summary>Every node of the branch or item processor by id (<see cref="NodeStatus.NotRun"/> when not entered).</summary>
    public required IReadOnlyDictionary<string, NodeOverlay> Nodes { get; init; }
}
