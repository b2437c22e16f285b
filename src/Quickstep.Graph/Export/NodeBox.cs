namespace Quickstep.Graph.Export;

/// <summary>A node's place in its scope; a Parallel or Map node also holds its laid-out branches.</summary>
internal sealed class NodeBox
{
    public required GraphNode Node { get; init; }

    public required double X { get; init; }

    public required double Y { get; init; }

    public required double Width { get; init; }

    public required double Height { get; init; }

    /// <summary>Each branch with its frame's offset inside the node (empty for plain states).</summary>
    public required IReadOnlyList<(ScopeBox Box, double X, double Y, double Width, double Height)> Branches { get; init; }
}
