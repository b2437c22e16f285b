namespace Quickstep.Graph;

/// <summary>The nested workflows a Parallel or Map state runs.</summary>
public sealed class GraphGroup
{
    internal GraphGroup(GraphGroupKind kind, IReadOnlyList<GraphScope> branches)
    {
        Kind = kind;
        Branches = branches;
    }

    public GraphGroupKind Kind { get; }

    /// <summary>"parallel" or "map", as written in the JSON model.</summary>
    public string KindName => Kind == GraphGroupKind.Map ? "map" : "parallel";

    /// <summary>A Parallel's branches in order, or a Map's single item processor.</summary>
    public IReadOnlyList<GraphScope> Branches { get; }
}
