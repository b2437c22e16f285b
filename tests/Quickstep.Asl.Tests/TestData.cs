namespace Quickstep.Asl.Tests;

/// <summary>
/// The one place this project finds its data: the repository's copy of ../shared in tests/data
/// (scripts/refresh-shared-data.sh), found by walking up to the folder holding Quickstep.slnx.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>tests/data: conformance/, jsonata-test-suite/ (read by Quickstep.Jsonata.Tests), bench/.</summary>
    public static string Directory => Root.Value;

    /// <summary>The recorded AWS executions (tests/data/conformance/cases).</summary>
    public static string ConformanceCases => Path.Combine(Root.Value, "conformance", "cases");

    /// <summary>The benchmark workloads (tests/data/bench/workloads).</summary>
    public static string BenchWorkloads => Path.Combine(Root.Value, "bench", "workloads");

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
