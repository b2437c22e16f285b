namespace Quickstep.Graph;

/// <summary>A workflow level: the root machine, one Parallel branch or one Map item processor.</summary>
public sealed class GraphScope
{
    internal GraphScope(string startAt, IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        StartAt = startAt;
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>The id of the node the scope starts at.</summary>
    public string StartAt { get; }

    /// <summary>The scope's own nodes, in definition order.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>The edges between this scope's own nodes.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>The ids of the nodes that end this scope.</summary>
    public IEnumerable<string> EndStates => Nodes.Where(n => n.End).Select(n => n.Id);
}
