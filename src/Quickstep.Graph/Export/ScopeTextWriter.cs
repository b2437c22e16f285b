using System.Text;

namespace Quickstep.Graph.Export;

/// <summary>
/// The walk the text formats (DOT, Mermaid) share: a scope is its start marker, its nodes (a group's nested scopes
/// written inside its node), the edge into its first state, its edges, then an end marker that each ending state
/// points to. Markers are numbered in the order they are written; each format says how one piece is spelled.
/// </summary>
internal abstract class ScopeTextWriter
{
    private int _markers;

    protected StringBuilder Text { get; } = new();

    /// <summary>Writes <paramref name="scope"/>; returns the id of its start marker.</summary>
    protected string Scope(GraphScope scope, string indent)
    {
        var start = StartMarker(indent, _markers++, scope.StartAt);
        foreach (var node in scope.Nodes)
            Node(node, indent);
        StartEdge(indent, start, scope.StartAt);
        foreach (var edge in scope.Edges)
            Edge(indent, edge);
        var ends = scope.Nodes.Where(n => n.End).ToList();
        if (ends.Count > 0)
        {
            var end = EndMarker(indent, _markers++);
            foreach (var node in ends)
                EndEdge(indent, node.Id, end);
        }

        return start;
    }

    /// <summary>Writes start marker <paramref name="number"/> of a scope beginning at <paramref name="startAt"/>; returns its id.</summary>
    protected abstract string StartMarker(string indent, int number, string startAt);

    /// <summary>The edge from a scope's start marker to its first state, written after the scope's nodes.</summary>
    protected abstract void StartEdge(string indent, string start, string startAt);

    protected abstract void Node(GraphNode node, string indent);

    protected abstract void Edge(string indent, GraphEdge edge);

    /// <summary>Writes end marker <paramref name="number"/>; returns its id.</summary>
    protected abstract string EndMarker(string indent, int number);

    /// <summary>The edge from an ending state to its scope's end marker.</summary>
    protected abstract void EndEdge(string indent, string from, string end);
}
