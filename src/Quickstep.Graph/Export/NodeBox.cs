namespace Quickstep.Graph.Export;

/// <summary>A node's place in its scope; a Parallel or Map node also holds its laid-out branches.</summary>
/// <param name="Branches">Each branch with its frame's offset inside the node (empty for plain states).</param>
internal sealed record NodeBox(GraphNode Node, double X, double Y, double Width, double Height, IReadOnlyList<(ScopeBox Box, double X, double Y, double Width, double Height)> Branches);
