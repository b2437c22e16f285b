namespace Quickstep.Graph.Export;

/// <summary>A laid-out scope: its size, where each node sits, the start/end markers and each edge's polyline.</summary>
internal sealed class ScopeBox
{
    public required GraphScope Scope { get; init; }

    public required double Width { get; init; }

    public required double Height { get; init; }

    public required IReadOnlyList<NodeBox> Nodes { get; init; }

    public required (double X, double Y) Start { get; init; }

    public required (double X, double Y)? End { get; init; }

    /// <summary>Scope edges first (same order as <see cref="GraphScope.Edges"/>), then the marker edges.</summary>
    public required IReadOnlyList<EdgeLine> Edges { get; init; }
}
