namespace Quickstep.Graph;

/// <summary>The mutable record of one visit to a state while the overlay reads a history.</summary>
internal sealed class OverlayRun(GraphNode node, OverlayContext context, OverlayRun? parent, long enteredId)
{
    public GraphNode Node { get; } = node;

    public OverlayContext Context { get; } = context;

    /// <summary>The Parallel or Map run this run is nested in.</summary>
    public OverlayRun? Parent { get; } = parent;

    public long EnteredId { get; } = enteredId;

    public long? ExitedId { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? Error { get; set; }

    public string? Cause { get; set; }

    /// <summary>The last attempt failed (reset when a retry starts); an exit after this means a Catcher took over.</summary>
    public bool Failed { get; set; }

    public bool Aborted { get; set; }

    /// <summary>Task schedules or Map/Parallel starts: one per attempt.</summary>
    public int Attempts { get; set; }

    public int Visits { get; set; } = 1;

    public SortedDictionary<int, OverlayContext> Iterations { get; } = [];

    public bool IsOpen => ExitedId is null && !Aborted && !Failed;

    public void Fail(string? error, string? cause)
    {
        Failed = true;
        if (error is not null || cause is not null)
        {
            Error = error;
            Cause = cause;
        }
    }
}
