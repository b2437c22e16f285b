using Xunit.Abstractions;
using Xunit.Sdk;

namespace Quickstep.Jsonata.Tests;

/// <summary>Discovers one test case per suite case; excluded ones become skipped rows.</summary>
public sealed class SuiteTheoryDiscoverer : TheoryDiscoverer
{
    public SuiteTheoryDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        ArgumentNullException.ThrowIfNull(dataRow);
        if (dataRow.Length > 0 && dataRow[0] is string id && JsonataSuite.Exclusions.TryGetValue(id, out var reason))
            return CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason);
        return base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}
