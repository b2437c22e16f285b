using Quickstep.Asl.Parsing;

namespace Quickstep.Graph;

/// <summary>
/// A state machine as a graph: nodes (states), edges (Next, Choice rules, Default, Catch) and, for
/// Parallel and Map states, nested groups of the same shape. Built from the parsed definition, so
/// it draws exactly what the engine runs.
/// </summary>
public sealed class WorkflowGraph
{
    private readonly Dictionary<string, GraphNode> _byId;
    private readonly Dictionary<string, GraphNode> _byName;

    private WorkflowGraph(GraphScope root)
    {
        Root = root;
        _byId = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        _byName = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var node in AllNodes())
        {
            _byId[node.Id] = node;
            _byName.TryAdd(node.Name, node);
        }
    }

    /// <summary>The top-level workflow.</summary>
    public GraphScope Root { get; }

    /// <summary>The id of the start node.</summary>
    public string StartAt => Root.StartAt;

    /// <summary>The top-level nodes (nested ones are in their node's <see cref="GraphNode.Group"/>).</summary>
    public IReadOnlyList<GraphNode> Nodes => Root.Nodes;

    /// <summary>The top-level edges.</summary>
    public IReadOnlyList<GraphEdge> Edges => Root.Edges;

    /// <summary>The ids of the top-level nodes that end the execution.</summary>
    public IEnumerable<string> EndStates => Root.EndStates;

    /// <summary>Parses and validates <paramref name="definitionJson"/>; throws <see cref="GraphDefinitionException"/> when it is invalid.</summary>
    public static WorkflowGraph FromDefinition(string definitionJson)
    {
        var result = TryFromDefinition(definitionJson);
        return result.Graph ?? throw new GraphDefinitionException(result.Diagnostics);
    }

    /// <summary>
    /// Parses and validates <paramref name="definitionJson"/> with the existing loader (Standard rules
    /// by default, so any machine can be drawn); the graph is null when there is any diagnostic.
    /// </summary>
    public static GraphLoadResult TryFromDefinition(string definitionJson, LoadOptions? options = null)
    {
        var loaded = DefinitionLoader.Load(definitionJson, options ?? new LoadOptions { Express = false });
        if (!loaded.IsValid)
            return new GraphLoadResult(null, loaded.Diagnostics);
        return new GraphLoadResult(new WorkflowGraph(GraphBuilder.Build(loaded.Definition!, "")), []);
    }

    /// <summary>Every node at every depth, parents before their group's nodes.</summary>
    public IEnumerable<GraphNode> AllNodes() => Walk(Root);

    /// <summary>Every edge at every depth.</summary>
    public IEnumerable<GraphEdge> AllEdges() => Scopes(Root).SelectMany(s => s.Edges);

    /// <summary>Finds a node by its path id.</summary>
    public GraphNode? FindNode(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Finds a node by state name (names are unique in a whole state machine).</summary>
    public GraphNode? FindByName(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The model as JSON: {"startAt","nodes":[…],"edges":[…]}, groups nested in the same shape.</summary>
    public string ToJson(bool indented = false) => GraphJson.Write(this, indented);

    /// <summary>A Mermaid flowchart (TD) with a subgraph per Parallel/Map state and labelled edges.</summary>
    public string ToMermaid() => Export.MermaidWriter.Write(this);

    /// <summary>Graphviz DOT with a cluster per Parallel/Map state and per branch.</summary>
    public string ToDot() => Export.DotWriter.Write(this);

    /// <summary>
    /// A self-contained SVG drawn with a layered layout (no scripts or external fonts). Each state is a
    /// &lt;g data-state-id="…"&gt;; with <paramref name="overlay"/>, states are colored by status and taken edges drawn bold.
    /// </summary>
    public string ToSvg(ExecutionOverlay? overlay = null) => Export.SvgWriter.Write(this, overlay);

    private static IEnumerable<GraphNode> Walk(GraphScope scope)
    {
        foreach (var node in scope.Nodes)
        {
            yield return node;
            if (node.Group is { } group)
            {
                foreach (var branch in group.Branches)
                {
                    foreach (var inner in Walk(branch))
                        yield return inner;
                }
            }
        }
    }

    private static IEnumerable<GraphScope> Scopes(GraphScope scope)
    {
        yield return scope;
        foreach (var node in scope.Nodes)
        {
            if (node.Group is null)
                continue;
            foreach (var branch in node.Group.Branches)
            {
                foreach (var inner in Scopes(branch))
                    yield return inner;
            }
        }
    }
}
