using Xunit.Sdk;

namespace Quickstep.Jsonata.Tests;

/// <summary>A theory whose rows listed in excluded-cases.txt are reported as skipped, each with its own reason.</summary>
[XunitTestCaseDiscoverer("Quickstep.Jsonata.Tests.SuiteTheoryDiscoverer", "Quickstep.Jsonata.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SuiteTheoryAttribute : TheoryAttribute
{
}
