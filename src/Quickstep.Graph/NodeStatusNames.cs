namespace Quickstep.Graph;

/// <summary>The names the overlay JSON uses for <see cref="NodeStatus"/>.</summary>
public static class NodeStatusNames
{
    public static string ToName(this NodeStatus status) => status switch
    {
        NodeStatus.InProgress => "inProgress",
        NodeStatus.Succeeded => "succeeded",
        NodeStatus.Failed => "failed",
        NodeStatus.Caught => "caught",
        NodeStatus.Aborted => "aborted",
        _ => "notRun",
    };

    /// <summary>Which status wins when one node has several runs (Map iterations): the one a reader most needs to see.</summary>
    internal static int Weight(NodeStatus status) => status switch
    {
        NodeStatus.Failed => 5,
        NodeStatus.InProgress => 4,
        NodeStatus.Aborted => 3,
        NodeStatus.Caught => 2,
        NodeStatus.Succeeded => 1,
        _ => 0,
    };
}
