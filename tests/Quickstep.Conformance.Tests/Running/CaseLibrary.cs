using System.Diagnostics.CodeAnalysis;
using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Running;

/// <summary>
/// The one place this project finds its data, and loads the recorded cases: every JSON file under
/// <c>tests/data/conformance/cases</c> (the repository's copy of ../shared, below the folder holding
/// Quickstep.slnx) except <c>cases/test_state</c>, that has a definition and an expectation.
/// <c>QUICKSTEP_CONFORMANCE_DIR</c> points it at another corpus (e.g. a newer ../shared/conformance).
/// </summary>
internal static class CaseLibrary
{
    private static readonly Lazy<string> LazyRoot = new(FindConformanceDir);
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> LazyCases = new(LoadAll);
    private static readonly Lazy<IReadOnlyDictionary<string, ConformanceCase>> LazyById =
        new(() => LazyCases.Value.ToDictionary(c => c.Id, StringComparer.Ordinal));

    /// <summary>The conformance folder (holding README.md, compare.py and cases/).</summary>
    public static string ConformanceDir => LazyRoot.Value;

    /// <summary>The repository's copy of the data in ../shared (tests/data, listed in tests/data/MANIFEST).</summary>
    public static string DataDir => Path.Combine(FindRepoRoot(), "tests", "data");

    /// <summary>The repository root (the folder holding Quickstep.slnx).</summary>
    public static string RepoRoot => FindRepoRoot();

    public static IReadOnlyList<ConformanceCase> All => LazyCases.Value;

    public static ConformanceCase Get(string id) => LazyById.Value[id];

    public static bool TryGet(string id, [NotNullWhen(true)] out ConformanceCase? found) => LazyById.Value.TryGetValue(id, out found);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quickstep.slnx")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"No Quickstep.slnx above {AppContext.BaseDirectory}.");
    }

    private static string FindConformanceDir()
    {
        var overridden = Environment.GetEnvironmentVariable("QUICKSTEP_CONFORMANCE_DIR");
        if (!string.IsNullOrEmpty(overridden))
            return Path.GetFullPath(overridden);
        return Path.Combine(DataDir, "conformance");
    }

    private static IReadOnlyList<ConformanceCase> LoadAll()
    {
        var casesDir = Path.Combine(ConformanceDir, "cases");
        if (!Directory.Exists(casesDir))
            throw new DirectoryNotFoundException($"The conformance cases are not at {casesDir} (set QUICKSTEP_CONFORMANCE_DIR).");
        var skip = Path.Combine(casesDir, "test_state") + Path.DirectorySeparatorChar;
        var cases = new List<ConformanceCase>();
        foreach (var file in Directory.EnumerateFiles(casesDir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.StartsWith(skip, StringComparison.Ordinal))
                continue;
            if (JsonText.Parse(File.ReadAllText(file)) is not JObject json
                || !json.ContainsKey("definition") || json["expected"] is not JObject
                || json["kind"] is JString { Value: "test_state" })
                continue;
            // compare.py leaves out recordings marked unverified unless asked; so do we.
            if (json["unverified"] is JValue u && u is not JNull && u is not JBool { Value: false })
                continue;
            cases.Add(ConformanceCase.FromJson(json, file));
        }

        return cases;
    }
}
