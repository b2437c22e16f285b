namespace Quickstep.Graph;

/// <summary>Turns the runs read from a history into the overlay's immutable per-node results.</summary>
internal sealed class OverlayFinisher(OverlayBuilder builder)
{
    /// <summary>Every node of <paramref name="scope"/> with its last run in <paramref name="context"/>.</summary>
    public IReadOnlyDictionary<string, NodeOverlay> Scope(GraphScope scope, OverlayContext context, OverlayRun? owner)
    {
        var result = new Dictionary<string, NodeOverlay>(StringComparer.Ordinal);
        foreach (var node in scope.Nodes)
        {
            var run = context.Runs.GetValueOrDefault(node.Id);
            result[node.Id] = run is null || (owner is not null && run.Parent != owner)
                ? new NodeOverlay { NodeId = node.Id, Status = NodeStatus.NotRun }
                : Node(run);
        }

        return result;
    }

    private NodeOverlay Node(OverlayRun run)
    {
        var status = Status(run);
        var error = run.Error;
        var cause = run.Cause;
        if (status == NodeStatus.Failed && error is null && cause is null && builder.Status == "FAILED")
            (error, cause) = (builder.Error, builder.Cause);
        return new NodeOverlay
        {
            NodeId = run.Node.Id,
            Status = status,
            EnteredEventId = run.EnteredId,
            ExitedEventId = run.ExitedId,
            Input = run.Input,
            Output = run.Output,
            Error = error,
            Cause = cause,
            Retries = Math.Max(0, run.Attempts - 1),
            Visits = run.Visits,
            Iterations = run.Node.Group is { Kind: GraphGroupKind.Map } map ? Iterations(run, map.Branches[0]) : null,
            Branches = run.Node.Group is { Kind: GraphGroupKind.Parallel } par ? Branches(run, par) : null,
        };
    }

    private List<ScopeOverlay> Iterations(OverlayRun run, GraphScope processor) =>
        [.. run.Iterations.Values.Select(c => new ScopeOverlay { Index = c.Index, Status = c.Status ?? Unfinished(c), Nodes = Scope(processor, c, null) })];

    private List<ScopeOverlay> Branches(OverlayRun run, GraphGroup group)
    {
        var list = new List<ScopeOverlay>(group.Branches.Count);
        for (var i = 0; i < group.Branches.Count; i++)
        {
            var nodes = Scope(group.Branches[i], run.Context, run);
            list.Add(new ScopeOverlay { Index = i, Status = BranchStatus(run, group.Branches[i], nodes), Nodes = nodes });
        }

        return list;
    }

    private NodeStatus BranchStatus(OverlayRun owner, GraphScope branch, IReadOnlyDictionary<string, NodeOverlay> nodes)
    {
        var statuses = nodes.Values.Select(n => n.Status).ToList();
        if (statuses.Contains(NodeStatus.Failed))
            return NodeStatus.Failed;
        if (statuses.Contains(NodeStatus.InProgress))
            return NodeStatus.InProgress;
        if (statuses.Contains(NodeStatus.Aborted))
            return NodeStatus.Aborted;
        if (branch.Nodes.Any(n => n.End && nodes[n.Id].Status is NodeStatus.Succeeded or NodeStatus.Caught))
            return NodeStatus.Succeeded;
        if (statuses.All(s => s == NodeStatus.NotRun))
            return NodeStatus.NotRun;
        return owner.IsOpen && !Ended(owner.Context) ? NodeStatus.InProgress : NodeStatus.Aborted;
    }

    private NodeStatus Status(OverlayRun run)
    {
        if (run.ExitedId is not null)
            return run.Failed ? NodeStatus.Caught : NodeStatus.Succeeded;
        if (run.Failed)
            return NodeStatus.Failed;
        if (run.Aborted)
            return NodeStatus.Aborted;
        if (!Ended(run.Context))
            return NodeStatus.InProgress;

        // The execution (or this iteration) ended with the state still entered: a Fail state, or a failure without its own event.
        return builder.Status is "ABORTED" && run.Node.Type != "Fail" ? NodeStatus.Aborted : NodeStatus.Failed;
    }

    private bool Ended(OverlayContext context) => builder.Ended || context.Chain().Any(c => c.Status is not null);

    private NodeStatus Unfinished(OverlayContext iteration)
    {
        if (!builder.Ended)
            return NodeStatus.InProgress;
        return builder.Status == "ABORTED" ? NodeStatus.Aborted : NodeStatus.Failed;
    }
}
