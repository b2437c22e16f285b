namespace Quickstep.Graph;

/// <summary>One state, drawn as a node. <see cref="Id"/> is its path, unique in the whole graph.</summary>
public sealed class GraphNode
{
    internal GraphNode(string id, string name, string type, string detail, string? retry, bool end, GraphGroup? group)
    {
        Id = id;
        Name = name;
        Type = type;
        Detail = detail;
        Retry = retry;
        End = end;
        Group = group;
    }

    /// <summary>
    /// The state's path: its name at the top level, "Map/Inner" inside a Map's processor, "Par/0/A" in
    /// branch 0 of a Parallel. A "/" or "~" inside a name is written "~1" or "~0" (as in JSON pointers).
    /// </summary>
    public string Id { get; }

    public string Name { get; }

    /// <summary>The ASL type: Task, Choice, Map, Parallel, Pass, Wait, Succeed or Fail.</summary>
    public string Type { get; }

    /// <summary>A short description (a Task's resource, a Wait's seconds, …); empty when there is nothing to say.</summary>
    public string Detail { get; }

    /// <summary>The retriers in one line, e.g. "Retry: States.ALL ×3"; null without Retry.</summary>
    public string? Retry { get; }

    /// <summary>True when the state ends its scope (End: true, Succeed, Fail).</summary>
    public bool End { get; }

    /// <summary>The nested branches of a Parallel or the item processor of a Map; null for other types.</summary>
    public GraphGroup? Group { get; }
}
