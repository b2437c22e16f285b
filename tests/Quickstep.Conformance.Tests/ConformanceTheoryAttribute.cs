using Xunit.Sdk;

namespace Quickstep.Conformance.Tests;

/// <summary>
/// A theory over case ids whose rows are skipped one by one, each with its own reason: a case
/// listed in <paramref name="exclusionList"/>, or one that needs something the harness does not
/// emulate. (xunit 2 has no per-row skip; <see cref="ConformanceTheoryDiscoverer"/> supplies it.)
/// </summary>
[XunitTestCaseDiscoverer("Quickstep.Conformance.Tests.ConformanceTheoryDiscoverer", "Quickstep.Conformance.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ConformanceTheoryAttribute(string exclusionList) : TheoryAttribute
{
    /// <summary>The exclusion list file (excluded-cases.txt or excluded-history.txt).</summary>
    public string ExclusionList { get; } = exclusionList;
}
