using Quickstep.Conformance.Tests.Comparison;

namespace Quickstep.Conformance.Tests.Running;

/// <summary>One case's run: the engine's result and the first differences from the recording (null: matched).</summary>
internal sealed record CaseOutcome(ConformanceCase Case, EngineResult Result, string? ResultDiff, string? HistoryDiff, TimeSpan Elapsed)
{
    public bool Passed => ResultDiff is null;

    public bool HasHistory => Case.ExpectedHistory is not null;

    public bool HistoryPassed => HasHistory && HistoryDiff is null;
}
