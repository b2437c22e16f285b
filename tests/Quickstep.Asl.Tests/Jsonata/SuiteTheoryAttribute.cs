using Xunit.Sdk;

namespace Quickstep.Asl.Tests.Jsonata;

/// <summary>A theory whose rows listed in excluded-cases.txt are reported as skipped, each with its own reason.</summary>
[XunitTestCaseDiscoverer("Quickstep.Asl.Tests.Jsonata.SuiteTheoryDiscoverer", "Quickstep.Asl.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SuiteTheoryAttribute : TheoryAttribute
{
}
