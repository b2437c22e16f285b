using Quickstep.Conformance.Tests.Running;
using Xunit.Abstractions;

namespace Quickstep.Conformance.Tests;

/// <summary>
/// Prints the per-category pass/fail counts of the whole run and writes them, with a per-case
/// report, to tests/Quickstep.Conformance.Tests/TestResults/ (conformance-summary.txt,
/// conformance-report.json). Informational: the verdicts are <see cref="Cases"/>' rows.
/// </summary>
public sealed class Summary(ITestOutputHelper output)
{
    [Fact]
    public async Task Conformance_AllCases_WritesSummary()
    {
        var outcomes = await ConformanceRun.AllAsync();
        var text = ConformanceReport.Summarise(outcomes);
        ConformanceReport.Write(outcomes, text);
        output.WriteLine(text);
        Assert.NotEmpty(outcomes);
    }
}
