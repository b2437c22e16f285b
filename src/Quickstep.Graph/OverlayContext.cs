namespace Quickstep.Graph;

/// <summary>Where state runs live: the execution's top level, or one iteration of a Map run.</summary>
internal sealed class OverlayContext(OverlayContext? parent, OverlayRun? owner, int index)
{
    public OverlayContext? Parent { get; } = parent;

    /// <summary>The Map run this is an iteration of; null at the top level.</summary>
    public OverlayRun? Owner { get; } = owner;

    public int Index { get; } = index;

    /// <summary>The last visit of each state in this context, by node id.</summary>
    public Dictionary<string, OverlayRun> Runs { get; } = new(StringComparer.Ordinal);

    /// <summary>Set by MapIterationSucceeded/Failed/Aborted.</summary>
    public NodeStatus? Status { get; set; }

    public IEnumerable<OverlayContext> Chain()
    {
        for (var c = this; c is not null; c = c.Parent)
            yield return c;
    }
}
