using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Jsonata.Tests;

/// <summary>The JSONata language test suite (tests/data/jsonata-test-suite), one row per case.</summary>
public sealed class JsonataSuiteTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var id in JsonataSuite.CaseIds())
            data.Add(id);
        return data;
    }

    [SuiteTheory]
    [MemberData(nameof(Cases))]
    public void Case_Evaluates_AsExpected(string id)
    {
        var (ok, message) = JsonataSuiteRunner.Run(id);
        Assert.True(ok, message);
    }
}
