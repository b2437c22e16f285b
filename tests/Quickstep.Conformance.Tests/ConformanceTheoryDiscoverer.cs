using Quickstep.Conformance.Tests.Running;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Quickstep.Conformance.Tests;

/// <summary>Discovers <see cref="ConformanceTheoryAttribute"/> rows; an excluded or unrunnable case becomes a skipped row with its reason.</summary>
public sealed class ConformanceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        ArgumentNullException.ThrowIfNull(theoryAttribute);
        ArgumentNullException.ThrowIfNull(dataRow);
        var reason = SkipReason(theoryAttribute.GetConstructorArguments().FirstOrDefault() as string, dataRow.FirstOrDefault() as string);
        return reason is null
            ? base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow)
            : CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason);
    }

    private static string? SkipReason(string? list, string? id)
    {
        if (list is null || id is null)
            return null;
        var c = CaseLibrary.All.FirstOrDefault(x => x.Id == id);
        if (c is not null && !c.IsRunnable)
            return $"needs {string.Join(", ", c.Needs)}: not emulated by the harness";
        return Exclusions.For(list).TryGetValue(id, out var reason) ? "excluded: " + reason : null;
    }
}
