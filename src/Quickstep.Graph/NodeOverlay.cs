namespace Quickstep.Graph;

/// <summary>A state's run in an execution (its last visit, in one Map iteration or at the top level).</summary>
public sealed record NodeOverlay
{
    public required string NodeId { get; init; }

    public required NodeStatus Status { get; init; }

    /// <summary>The id of the StateEntered event of the last visit.</summary>
    public long? EnteredEventId { get; init; }

    /// <summary>The id of the StateExited event of the last visit.</summary>
    public long? ExitedEventId { get; init; }

    /// <summary>The state's input as JSON text.</summary>
    public string? Input { get; init; }

    /// <summary>The state's output as JSON text.</summary>
    public string? Output { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    /// <summary>How many times the state was retried in its last visit.</summary>
    public int Retries { get; init; }

    /// <summary>How many times the state was entered (loops; summed over iterations in the flat view).</summary>
    public int Visits { get; init; }

    /// <summary>A Map's iterations by index; null for other types.</summary>
    public IReadOnlyList<ScopeOverlay>? Iterations { get; init; }

    /// <summary>A Parallel's branches in order; null for other types.</summary>
    public IReadOnlyList<ScopeOverlay>? Branches { get; init; }
}
