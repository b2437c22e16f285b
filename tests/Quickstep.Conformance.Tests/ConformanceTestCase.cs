using System.ComponentModel;
using Quickstep.Conformance.Tests.Running;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Quickstep.Conformance.Tests;

/// <summary>
/// One theory row of <see cref="ConformanceTheoryAttribute"/>: named "Method: case id" in full
/// (xunit would cut the id at 50 characters), and skipped with its own reason when the case is
/// excluded or needs what the harness does not emulate.
/// </summary>
public sealed class ConformanceTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer only.")]
    public ConformanceTestCase()
    {
    }

    public ConformanceTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod, object[] testMethodArguments)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod, testMethodArguments)
    {
    }

    private string? CaseId => TestMethodArguments is [string id, ..] ? id : null;

    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        CaseId is { } id ? $"{TestMethod.Method.Name}: {id}" : base.GetDisplayName(factAttribute, displayName);

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(factAttribute);
        var list = factAttribute.GetConstructorArguments().FirstOrDefault() as string;
        return ExclusionReason(list, CaseId) ?? base.GetSkipReason(factAttribute);
    }

    internal static string? ExclusionReason(string? list, string? id)
    {
        if (list is null || id is null)
            return null;
        if (CaseLibrary.TryGet(id, out var c) && !c.IsRunnable)
            return $"needs {string.Join(", ", c.Needs)}: not emulated by the harness";
        return Exclusions.For(list).TryGetValue(id, out var reason) ? "excluded: " + reason : null;
    }
}
