using Quickstep.Json;

namespace Quickstep.Graph;

/// <summary>Writes the graph model as the JSON the console draws.</summary>
internal static class GraphJson
{
    public static string Write(WorkflowGraph graph, bool indented) => JsonText.Serialize(Scope(graph.Root), indented);

    public static JObject Scope(GraphScope scope) => new JObjectBuilder(3)
        .AddUnique("startAt", JValue.FromString(scope.StartAt))
        .AddUnique("nodes", JArray.Create(scope.Nodes.Select(Node)))
        .AddUnique("edges", JArray.Create(scope.Edges.Select(Edge)))
        .Build();

    private static JValue Node(GraphNode node)
    {
        var b = new JObjectBuilder(7)
            .AddUnique("id", JValue.FromString(node.Id))
            .AddUnique("name", JValue.FromString(node.Name))
            .AddUnique("type", JValue.FromString(node.Type))
            .AddUnique("detail", JValue.FromString(node.Detail));
        if (node.Retry is { } retry)
            b.AddUnique("retry", JValue.FromString(retry));
        b.AddUnique("end", JValue.FromBool(node.End));
        if (node.Group is { } group)
        {
            b.AddUnique("group", new JObjectBuilder(2)
                .AddUnique("kind", JValue.FromString(group.KindName))
                .AddUnique("branches", JArray.Create(group.Branches.Select(Scope)))
                .Build());
        }

        return b.Build();
    }

    private static JValue Edge(GraphEdge edge)
    {
        var b = new JObjectBuilder(4)
            .AddUnique("from", JValue.FromString(edge.From))
            .AddUnique("to", JValue.FromString(edge.To))
            .AddUnique("kind", JValue.FromString(edge.KindName));
        if (edge.Label is { } label)
            b.AddUnique("label", JValue.FromString(label));
        return b.Build();
    }
}
