namespace Quickstep.Jsonata.Tests;

/// <summary>
/// The one place this project finds its data: the repository's copy of ../shared in tests/data
/// (scripts/refresh-shared-data.sh), found by walking up to the folder holding Quickstep.slnx.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The JSONata language test suite (tests/data/jsonata-test-suite: groups/, datasets/).</summary>
    public static string JsonataSuite => Path.Combine(Root.Value, "jsonata-test-suite");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quickstep.slnx")))
                return Path.Combine(dir.FullName, "tests", "data");
        }

        throw new InvalidOperationException("Quickstep.slnx not found above " + AppContext.BaseDirectory);
    }
}
