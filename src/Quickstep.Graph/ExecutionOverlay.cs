using Quickstep.Json;

namespace Quickstep.Graph;

/// <summary>
/// An execution drawn over its workflow graph: what happened to each state (status, event ids,
/// input/output, error, retries), Map iterations and Parallel branches with their own states, and
/// the edges taken. Built from the execution's history events.
/// </summary>
public sealed class ExecutionOverlay
{
    private ExecutionOverlay(string status, string? error, string? cause, IReadOnlyDictionary<string, NodeOverlay> topLevel, IReadOnlyDictionary<string, NodeOverlay> nodes, IReadOnlyList<TakenEdge> edges)
    {
        Status = status;
        Error = error;
        Cause = cause;
        TopLevel = topLevel;
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>The execution's status: RUNNING, SUCCEEDED, FAILED, ABORTED or TIMED_OUT.</summary>
    public string Status { get; }

    public string? Error { get; }

    public string? Cause { get; }

    /// <summary>The top-level states' runs (Map/Parallel runs hold their iterations and branches).</summary>
    public IReadOnlyDictionary<string, NodeOverlay> TopLevel { get; }

    /// <summary>
    /// Every node of the graph at every depth by id. A node inside a Map is shown by its most telling
    /// run (failed, then in progress, aborted, caught, succeeded; the latest on a tie), with visits and
    /// retries summed over all its runs.
    /// </summary>
    public IReadOnlyDictionary<string, NodeOverlay> Nodes { get; }

    /// <summary>The edges taken, in the order first taken.</summary>
    public IReadOnlyList<TakenEdge> Edges { get; }

    /// <summary>Reads history events given as their parts (details as the "…EventDetails" JSON text).</summary>
    public static ExecutionOverlay FromHistory(WorkflowGraph graph, IEnumerable<(long Id, long PreviousId, string Type, string? StateName, string DetailsJson)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return FromHistory(graph, events.Select(e => new HistoryEntry(e.Id, e.PreviousId, e.Type, e.StateName, e.DetailsJson)));
    }

    /// <summary>Reads history events given as their parts (details as the "…EventDetails" JSON text).</summary>
    public static ExecutionOverlay FromHistory(WorkflowGraph graph, IEnumerable<HistoryEntry> events)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(events);
        var builder = new OverlayBuilder(graph);
        foreach (var e in events)
        {
            var details = string.IsNullOrEmpty(e.DetailsJson) ? null : JsonText.Parse(e.DetailsJson) as JObject;
            builder.Add(e.Id, e.PreviousId, e.Type, e.StateName ?? (details?["name"] as JString)?.Value, details);
        }

        return Build(graph, builder);
    }

    /// <summary>
    /// Reads history events as GetExecutionHistory returns them, one JSON object per event
    /// ({"type","id","previousEventId","…EventDetails":{…}}; what the store's HistoryRecord.Json holds).
    /// </summary>
    public static ExecutionOverlay FromHistoryJson(WorkflowGraph graph, IEnumerable<string> eventJson)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(eventJson);
        var builder = new OverlayBuilder(graph);
        foreach (var text in eventJson)
        {
            if (JsonText.Parse(text) is not JObject e)
                continue;
            JObject? details = null;
            foreach (var (key, value) in e)
            {
                if (key.EndsWith("EventDetails", StringComparison.Ordinal) && value is JObject d)
                    details = d;
            }

            builder.Add(Long(e["id"]), Long(e["previousEventId"]), (e["type"] as JString)?.Value ?? "", (details?["name"] as JString)?.Value, details);
        }

        return Build(graph, builder);
    }

    /// <summary>The overlay as JSON: {"status","error"?,"cause"?,"nodes":{id:{…}},"edges":[…]}.</summary>
    public string ToJson(bool indented = false) => OverlayJson.Write(this, indented);

    private static long Long(JValue? value) => value is JNumber n && n.TryGetInt64(out var l) ? l : 0;

    private static ExecutionOverlay Build(WorkflowGraph graph, OverlayBuilder builder)
    {
        var finish = new OverlayFinisher(builder);
        var topLevel = finish.Scope(graph.Root, builder.Root, null);
        var flat = new Dictionary<string, NodeOverlay>(StringComparer.Ordinal);
        Flatten(topLevel, flat);
        foreach (var node in graph.AllNodes())
            flat.TryAdd(node.Id, new NodeOverlay { NodeId = node.Id, Status = NodeStatus.NotRun });
        var ordered = graph.AllNodes().ToDictionary(n => n.Id, n => flat[n.Id], StringComparer.Ordinal);
        return new ExecutionOverlay(builder.Status, builder.Error, builder.Cause, topLevel, ordered, builder.Taken);
    }

    private static void Flatten(IReadOnlyDictionary<string, NodeOverlay> scope, Dictionary<string, NodeOverlay> flat)
    {
        foreach (var (id, node) in scope)
        {
            if (node.Status != NodeStatus.NotRun)
                flat[id] = flat.TryGetValue(id, out var seen) ? Combine(seen, node) : node;
            foreach (var inner in (node.Iterations ?? []).Concat(node.Branches ?? []))
                Flatten(inner.Nodes, flat);
        }
    }

    private static NodeOverlay Combine(NodeOverlay a, NodeOverlay b)
    {
        var wa = NodeStatusNames.Weight(a.Status);
        var wb = NodeStatusNames.Weight(b.Status);
        var pick = wb > wa || (wb == wa && (b.EnteredEventId ?? 0) > (a.EnteredEventId ?? 0)) ? b : a;
        return pick with { Retries = a.Retries + b.Retries, Visits = a.Visits + b.Visits };
    }
}
