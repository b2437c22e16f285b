namespace Quickstep.Conformance.Tests.Running;

/// <summary>
/// The exclusion lists beside the project (copied to the output folder): one
/// <c>case id &lt;TAB&gt; reason</c> per line; blank lines and lines starting with '#' are comments.
/// An excluded case is reported as Skipped with its reason.
/// </summary>
internal static class Exclusions
{
    public const string CasesFile = "excluded-cases.txt";
    public const string HistoryFile = "excluded-history.txt";
    public const string TestStateFile = "excluded-test-state.txt";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyCases = new(() => Load(CasesFile));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyHistory = new(() => Load(HistoryFile));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyTestState = new(() => Load(TestStateFile));

    public static IReadOnlyDictionary<string, string> Cases => LazyCases.Value;

    public static IReadOnlyDictionary<string, string> History => LazyHistory.Value;

    public static IReadOnlyDictionary<string, string> TestState => LazyTestState.Value;

    public static IReadOnlyDictionary<string, string> For(string file) => file switch
    {
        CasesFile => Cases,
        HistoryFile => History,
        TestStateFile => TestState,
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, "Unknown exclusion list."),
    };

    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var id = (tab < 0 ? line : line[..tab]).Trim();
            var reason = tab < 0 ? string.Empty : line[(tab + 1)..].Trim();
            if (id.Length > 0)
                map[id] = reason.Length > 0 ? reason : "excluded (no reason given)";
        }

        return map;
    }

    private static IReadOnlyDictionary<string, string> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, file);
        return File.Exists(path) ? Parse(File.ReadLines(path)) : new Dictionary<string, string>();
    }
}
