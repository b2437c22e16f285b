using Quickstep.Engine.History;

namespace Quickstep.Integrations.Testing;

/// <summary>One test's outcome: passed, or every expectation it missed.</summary>
public sealed class WorkflowTestResult
{
    public required WorkflowTestFile File { get; init; }

    public required string Name { get; init; }

    /// <summary>Each expectation that was not met, as "what: expected … but was …"; empty when the test passed.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    public bool Passed => Failures.Count == 0;

    /// <summary>Wall-clock time of the run (the workflow itself ran on a virtual clock).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The execution's status, or null when it could not run (invalid definition or mocks).</summary>
    public string? Status { get; init; }

    /// <summary>The execution's history, for coverage; empty when it could not run.</summary>
    public IReadOnlyList<HistoryEvent> History { get; init; } = [];
}
