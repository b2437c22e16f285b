using Quickstep.Json;

namespace Quickstep.Graph;

/// <summary>
/// Reads a history into runs. Each event is placed by its previousEventId: events chain within a
/// scope, a MapIterationStarted opens an iteration context, and names (unique in a state machine)
/// say which state an Entered/Exited event is for.
/// </summary>
internal sealed class OverlayBuilder
{
    private static readonly string[] StatePrefixes = ["Task", "Map", "Parallel", "Wait", "Pass", "Choice", "Succeed", "Fail"];

    private readonly WorkflowGraph _graph;
    private readonly Dictionary<string, GraphNode> _owner = new(StringComparer.Ordinal);
    private readonly Dictionary<long, OverlayContext> _contextOf = [];
    private readonly Dictionary<long, OverlayRun> _runOf = [];
    private readonly Dictionary<long, string> _typeOf = [];
    private readonly Dictionary<(string From, string To, GraphEdgeKind Kind), int> _taken = [];
    private readonly List<(string From, string To, GraphEdgeKind Kind)> _takenOrder = [];
    private string? _lastError;
    private string? _lastCause;

    public OverlayBuilder(WorkflowGraph graph)
    {
        _graph = graph;
        foreach (var node in graph.AllNodes())
        {
            foreach (var branch in node.Group?.Branches ?? [])
            {
                foreach (var inner in branch.Nodes)
                    _owner[inner.Id] = node;
            }
        }
    }

    public OverlayContext Root { get; } = new(null, null, 0);

    /// <summary>RUNNING until an Execution* terminal event.</summary>
    public string Status { get; private set; } = "RUNNING";

    public string? Error { get; private set; }

    public string? Cause { get; private set; }

    public IReadOnlyList<TakenEdge> Taken => [.. _takenOrder.Select(k => new TakenEdge(k.From, k.To, k.Kind, _taken[k]))];

    public bool Ended => Status != "RUNNING";

    public void Add(long id, long previous, string type, string? name, JObject? details)
    {
        _typeOf[id] = type;
        var context = _contextOf.GetValueOrDefault(previous) ?? Root;
        var run = _runOf.GetValueOrDefault(previous);
        var error = Text(details, "error");
        var cause = Text(details, "cause");
        if (error is not null || cause is not null)
            (_lastError, _lastCause) = (error, cause);

        if (type.StartsWith("Execution", StringComparison.Ordinal))
        {
            Execution(type, error, cause);
        }
        else if (type == "MapIterationStarted")
        {
            (context, run) = IterationStarted(previous, context, name, Index(details));
        }
        else if (type is "MapIterationSucceeded" or "MapIterationFailed" or "MapIterationAborted")
        {
            (context, run) = IterationEnded(type, context, name, Index(details));
        }
        else if (type.EndsWith("StateEntered", StringComparison.Ordinal) && name is not null && _graph.FindByName(name) is { } node)
        {
            run = Entered(id, previous, context, node, details);
        }
        else if (type.EndsWith("StateExited", StringComparison.Ordinal) && name is not null && _graph.FindByName(name) is { } exitedNode)
        {
            var exited = Exited(id, context, exitedNode, details);
            // A state that failed and still exits was caught by its own Catch: a later Map/Parallel failure is not its error.
            if (exited is { Failed: true })
                (_lastError, _lastCause) = (null, null);
            run = exited ?? run;
            context = run?.Context ?? context;
        }
        else if (StateEvent(type) is { } stateType)
        {
            run = Nearest(run, stateType);
            if (run is not null)
            {
                context = run.Context;
                StateOutcome(run, type);
            }
        }
        else
        {
            if (type == "EvaluationFailed" && Text(details, "state") is { } stateName && _graph.FindByName(stateName) is { } failing)
                run = context.Chain().Select(c => c.Runs.GetValueOrDefault(failing.Id)).FirstOrDefault(r => r is not null) ?? run;
            if (run is not null)
                TaskEvent(run, type, error, cause);
        }

        _contextOf[id] = context;
        if (run is not null)
            _runOf[id] = run;
    }

    private static string? Text(JObject? details, string key) => details?[key] is JString s ? s.Value : null;

    private static int Index(JObject? details) => details?["index"] is JNumber n && n.TryGetInt64(out var i) ? (int)i : 0;

    /// <summary>"MapStateFailed" → "Map"; null when the type is not a state's own event.</summary>
    private static string? StateEvent(string type)
    {
        foreach (var prefix in StatePrefixes)
        {
            if (type.Length > prefix.Length + 5 && type.StartsWith(prefix, StringComparison.Ordinal) && type.AsSpan(prefix.Length).StartsWith("State", StringComparison.Ordinal))
                return prefix;
        }

        return null;
    }

    private void Execution(string type, string? error, string? cause)
    {
        Status = type switch
        {
            "ExecutionSucceeded" => "SUCCEEDED",
            "ExecutionFailed" => "FAILED",
            "ExecutionAborted" => "ABORTED",
            "ExecutionTimedOut" => "TIMED_OUT",
            _ => Status,
        };
        if (Ended && Status != "SUCCEEDED")
            (Error, Cause) = (error, cause);
    }

    private (OverlayContext, OverlayRun?) IterationStarted(long previous, OverlayContext context, string? name, int index)
    {
        // A sibling iteration's start (or end) chains to the previous iteration's event: its parent is that iteration's parent.
        if (_typeOf.GetValueOrDefault(previous) is { } prevType && prevType.StartsWith("MapIteration", StringComparison.Ordinal)
            && context.Owner is { } owner && owner.Node.Name == name)
        {
            context = context.Parent!;
        }

        var map = name is null ? null : _graph.FindByName(name);
        var mapRun = map is null ? null : context.Chain().Select(c => c.Runs.GetValueOrDefault(map.Id)).FirstOrDefault(r => r is { IsOpen: true });
        if (mapRun is null)
            return (context, null);
        var iteration = new OverlayContext(mapRun.Context, mapRun, index);
        mapRun.Iterations[index] = iteration;
        return (iteration, mapRun);
    }

    private static (OverlayContext, OverlayRun?) IterationEnded(string type, OverlayContext context, string? name, int index)
    {
        var iteration = context.Chain().FirstOrDefault(c => c.Owner is { } o && o.Node.Name == name && c.Index == index);
        if (iteration is null)
            return (context, null);
        iteration.Status = type switch
        {
            "MapIterationSucceeded" => NodeStatus.Succeeded,
            "MapIterationFailed" => NodeStatus.Failed,
            _ => NodeStatus.Aborted,
        };
        return (iteration, iteration.Owner);
    }

    private OverlayRun Entered(long id, long previous, OverlayContext context, GraphNode node, JObject? details)
    {
        var parent = ParentRun(context, node);
        var earlier = context.Runs.GetValueOrDefault(node.Id);
        var run = new OverlayRun(node, context, parent, id) { Input = Text(details, "input"), Visits = (earlier?.Visits ?? 0) + 1 };
        context.Runs[node.Id] = run;

        // The previous event is the exit of the state we came from: that is the edge taken.
        if (_runOf.GetValueOrDefault(previous) is { } from && from.ExitedId == previous)
            Take(from, node);
        return run;
    }

    private OverlayRun? ParentRun(OverlayContext context, GraphNode node)
    {
        if (!_owner.TryGetValue(node.Id, out var owner))
            return null;
        if (owner.Group!.Kind == GraphGroupKind.Map)
            return context.Owner;
        return context.Chain().Select(c => c.Runs.GetValueOrDefault(owner.Id)).FirstOrDefault(r => r is not null);
    }

    private static OverlayRun? Exited(long id, OverlayContext context, GraphNode node, JObject? details)
    {
        var run = context.Chain().Select(c => c.Runs.GetValueOrDefault(node.Id)).FirstOrDefault(r => r is { ExitedId: null });
        if (run is null)
            return null;
        run.ExitedId = id;
        run.Output = Text(details, "output");
        return run;
    }

    /// <summary>The run an unnamed MapState…/ParallelState…/TaskState… event is for: the innermost open one of that type.</summary>
    private static OverlayRun? Nearest(OverlayRun? from, string stateType)
    {
        for (var r = from; r is not null; r = r.Parent)
        {
            if (r.Node.Type == stateType && r.ExitedId is null && !r.Aborted)
                return r;
        }

        return null;
    }

    private void StateOutcome(OverlayRun run, string type)
    {
        if (type.EndsWith("Started", StringComparison.Ordinal))
        {
            run.Attempts++;
            run.Failed = false;
        }
        else if (type.EndsWith("Succeeded", StringComparison.Ordinal))
        {
            run.Failed = false;
        }
        else if (type.EndsWith("Failed", StringComparison.Ordinal))
        {
            run.Fail(_lastError, _lastCause);
        }
        else if (type.EndsWith("Aborted", StringComparison.Ordinal))
        {
            run.Aborted = true;
        }
    }

    private static void TaskEvent(OverlayRun run, string type, string? error, string? cause)
    {
        if (type.EndsWith("Scheduled", StringComparison.Ordinal))
        {
            run.Attempts++;
            run.Failed = false;
        }
        else if (type.EndsWith("Succeeded", StringComparison.Ordinal))
        {
            run.Failed = false;
        }
        else if (type.EndsWith("Failed", StringComparison.Ordinal) || type.EndsWith("TimedOut", StringComparison.Ordinal))
        {
            run.Fail(error, cause);
        }
    }

    private void Take(OverlayRun from, GraphNode to)
    {
        var candidates = _graph.AllEdges().Where(e => e.From == from.Node.Id && e.To == to.Id).ToList();
        var edge = candidates.FirstOrDefault(e => (e.Kind == GraphEdgeKind.Catch) == from.Failed) ?? candidates.FirstOrDefault();
        var key = (from.Node.Id, to.Id, edge?.Kind ?? GraphEdgeKind.Next);
        if (_taken.TryGetValue(key, out var count))
        {
            _taken[key] = count + 1;
        }
        else
        {
            _taken[key] = 1;
            _takenOrder.Add(key);
        }
    }
}
