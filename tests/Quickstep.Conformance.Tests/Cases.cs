using Quickstep.Conformance.Tests.Running;

namespace Quickstep.Conformance.Tests;

/// <summary>
/// The recorded AWS executions (tests/data/conformance/cases, README.md there), one theory row per
/// case id: <see cref="Result"/> compares status, output, error and cause as compare.py does;
/// <see cref="History"/> compares the execution history where one was recorded. Excluded cases
/// (excluded-cases.txt, excluded-history.txt) are reported as Skipped with their reason.
/// </summary>
public sealed class Cases
{
    public static TheoryData<string> AllCases => [.. CaseLibrary.All.Select(c => c.Id)];

    public static TheoryData<string> CasesWithHistory => [.. CaseLibrary.All.Where(c => c.ExpectedHistory is not null).Select(c => c.Id)];

    [ConformanceTheory(Exclusions.CasesFile)]
    [MemberData(nameof(AllCases))]
    public async Task Result(string id)
    {
        var outcome = await ConformanceRun.GetAsync(id);
        if (outcome.ResultDiff is not null)
            Assert.Fail($"{id} ({Path.GetFileName(outcome.Case.FilePath)}): {outcome.ResultDiff}");
    }

    [ConformanceTheory(Exclusions.HistoryFile)]
    [MemberData(nameof(CasesWithHistory))]
    public async Task History(string id)
    {
        var outcome = await ConformanceRun.GetAsync(id);
        if (outcome.HistoryDiff is not null)
            Assert.Fail($"{id} ({Path.GetFileName(outcome.Case.FilePath)}): {outcome.HistoryDiff}");
    }
}
