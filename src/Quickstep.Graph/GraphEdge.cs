namespace Quickstep.Graph;

/// <summary>A transition between two nodes of the same scope (ids are node paths).</summary>
public sealed record GraphEdge(string From, string To, GraphEdgeKind Kind, string? Label)
{
    /// <summary>The kind as written in the JSON model ("next", "choice", "default", "catch").</summary>
    public string KindName => NameOf(Kind);

    /// <summary>The JSON name of <paramref name="kind"/>.</summary>
    public static string NameOf(GraphEdgeKind kind) => kind switch
    {
        GraphEdgeKind.Choice => "choice",
        GraphEdgeKind.Default => "default",
        GraphEdgeKind.Catch => "catch",
        _ => "next",
    };
}
