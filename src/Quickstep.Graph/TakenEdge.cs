namespace Quickstep.Graph;

/// <summary>An edge the execution took, and how often (over loops and iterations).</summary>
public sealed record TakenEdge(string From, string To, GraphEdgeKind Kind, int Count);
