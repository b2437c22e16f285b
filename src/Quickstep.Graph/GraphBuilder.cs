using Quickstep.Asl.Model;

namespace Quickstep.Graph;

/// <summary>Turns the parsed definition into graph scopes, giving every state its path id.</summary>
internal static class GraphBuilder
{
    public static GraphScope Build(StateMachineDefinition definition, string prefix)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var state in definition.States)
            ids[state.Name] = prefix + Escape(state.Name);

        string Id(string name) => ids.TryGetValue(name, out var id) ? id : prefix + Escape(name);

        var nodes = new List<GraphNode>(definition.States.Count);
        var edges = new List<GraphEdge>();
        foreach (var state in definition.States)
        {
            var id = ids[state.Name];
            nodes.Add(new GraphNode(id, state.Name, state.Type.ToString(), StateSummary.Detail(state), StateSummary.Retry(state), IsEnd(state), Group(state, id)));
            if (state.Next is { } next)
                edges.Add(new GraphEdge(id, Id(next), GraphEdgeKind.Next, null));
            if (state is ChoiceState choice)
            {
                foreach (var rule in choice.Choices)
                {
                    if (rule.Next is { } to)
                        edges.Add(new GraphEdge(id, Id(to), GraphEdgeKind.Choice, StateSummary.ChoiceRule(rule)));
                }

                if (choice.Default is { } fallback)
                    edges.Add(new GraphEdge(id, Id(fallback), GraphEdgeKind.Default, null));
            }

            foreach (var catcher in Catchers(state))
                edges.Add(new GraphEdge(id, Id(catcher.Next), GraphEdgeKind.Catch, StateSummary.Catch(catcher)));
        }

        return new GraphScope(Id(definition.StartAt), nodes, edges);
    }

    /// <summary>Escapes a name as a path segment the way JSON pointers do, so ids stay unique.</summary>
    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static bool IsEnd(State state) => state.End || state.Type is StateType.Succeed or StateType.Fail;

    private static GraphGroup? Group(State state, string id) => state switch
    {
        MapState map => new GraphGroup(GraphGroupKind.Map, [Build(map.ItemProcessor, id + "/")]),
        ParallelState parallel => new GraphGroup(GraphGroupKind.Parallel, [.. parallel.Branches.Select((b, i) => Build(b, $"{id}/{i}/"))]),
        _ => null,
    };

    private static IReadOnlyList<Catcher> Catchers(State state) => state switch
    {
        TaskState t => t.Catch,
        MapState m => m.Catch,
        ParallelState p => p.Catch,
        _ => [],
    };
}
