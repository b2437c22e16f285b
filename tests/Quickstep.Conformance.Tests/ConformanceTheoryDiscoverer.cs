using Xunit.Abstractions;
using Xunit.Sdk;

namespace Quickstep.Conformance.Tests;

/// <summary>Discovers <see cref="ConformanceTheoryAttribute"/> rows as <see cref="ConformanceTestCase"/>s (full names, per-row skip reasons).</summary>
public sealed class ConformanceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        [new ConformanceTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];
}
