namespace Quickstep.Graph.Export;

/// <summary>A routed edge: the graph edge (null for a start/end marker edge), its polyline and where its label goes.</summary>
internal sealed record EdgeLine(GraphEdge? Edge, IReadOnlyList<(double X, double Y)> Points, bool Back, (double X, double Y)? LabelAt);
