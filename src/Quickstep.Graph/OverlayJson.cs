using Quickstep.Json;

namespace Quickstep.Graph;

/// <summary>Writes an <see cref="ExecutionOverlay"/> as the JSON the console colors the graph with.</summary>
internal static class OverlayJson
{
    public static string Write(ExecutionOverlay overlay, bool indented)
    {
        var b = new JObjectBuilder(5).AddUnique("status", JValue.FromString(overlay.Status));
        if (overlay.Error is { } error)
            b.AddUnique("error", JValue.FromString(error));
        if (overlay.Cause is { } cause)
            b.AddUnique("cause", JValue.FromString(cause));
        b.AddUnique("nodes", Nodes(overlay.Nodes));
        b.AddUnique("edges", JArray.Create(overlay.Edges.Select(e => (JValue)new JObjectBuilder(4)
            .AddUnique("from", JValue.FromString(e.From))
            .AddUnique("to", JValue.FromString(e.To))
            .AddUnique("kind", JValue.FromString(GraphEdge.NameOf(e.Kind)))
            .AddUnique("count", JValue.FromNumber(e.Count))
            .Build())));
        return JsonText.Serialize(b.Build(), indented);
    }

    private static JObject Nodes(IReadOnlyDictionary<string, NodeOverlay> nodes)
    {
        var b = new JObjectBuilder(nodes.Count);
        foreach (var (id, node) in nodes)
            b.AddUnique(id, Node(node));
        return b.Build();
    }

    private static JObject Node(NodeOverlay node)
    {
        var b = new JObjectBuilder(12).AddUnique("status", JValue.FromString(node.Status.ToName()));
        if (node.EnteredEventId is { } entered)
            b.AddUnique("enteredEventId", JValue.FromNumber(entered));
        if (node.ExitedEventId is { } exited)
            b.AddUnique("exitedEventId", JValue.FromNumber(exited));
        Optional(b, "input", node.Input);
        Optional(b, "output", node.Output);
        Optional(b, "error", node.Error);
        Optional(b, "cause", node.Cause);
        if (node.Status != NodeStatus.NotRun)
        {
            b.AddUnique("retries", JValue.FromNumber(node.Retries));
            b.AddUnique("visits", JValue.FromNumber(node.Visits));
        }

        if (node.Iterations is { } iterations)
            b.AddUnique("iterations", Scopes(iterations));
        if (node.Branches is { } branches)
            b.AddUnique("branches", Scopes(branches));
        return b.Build();
    }

    private static JArray Scopes(IReadOnlyList<ScopeOverlay> scopes) => JArray.Create(scopes.Select(s => (JValue)new JObjectBuilder(3)
        .AddUnique("index", JValue.FromNumber(s.Index))
        .AddUnique("status", JValue.FromString(s.Status.ToName()))
        .AddUnique("nodes", Nodes(s.Nodes))
        .Build()));

    private static void Optional(JObjectBuilder b, string key, string? value)
    {
        if (value is not null)
            b.AddUnique(key, JValue.FromString(value));
    }
}
