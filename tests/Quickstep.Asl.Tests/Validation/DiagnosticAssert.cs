using Quickstep.Asl.Parsing;

namespace Quickstep.Asl.Tests.Validation;

internal static class DiagnosticAssert
{
    /// <summary>Loads JSON written with single quotes for readability (' becomes "; write a literal apostrophe as \u0027).</summary>
    public static LoadResult Load(string singleQuotedJson, bool express = true) =>
        DefinitionLoader.Load(singleQuotedJson.Replace('\'', '"'), new LoadOptions { Express = express });

    public static void Has(LoadResult result, string code, string pointer)
    {
        Assert.True(
            result.Diagnostics.Any(d => d.Code == code && d.Pointer == pointer),
            $"expected {code} at '{pointer}', got:\n" + Describe(result));
    }

    public static void None(LoadResult result) => Assert.True(result.Diagnostics.Count == 0, "expected no diagnostics, got:\n" + Describe(result));

    public static string Describe(LoadResult result) =>
        result.Diagnostics.Count == 0 ? "(none)" : string.Join("\n", result.Diagnostics.Select(d => $"  {d.Code} '{d.Pointer}': {d.Message}"));
}
