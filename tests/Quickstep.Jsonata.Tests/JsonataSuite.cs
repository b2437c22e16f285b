using Quickstep.Json;

namespace Quickstep.Jsonata.Tests;

/// <summary>
/// Locates and reads the JSONata test suite (the copy in tests/data/jsonata-test-suite)
/// and the exclusion list. A case id is "group/file" or, for files holding an array of cases, "group/file[i]".
/// </summary>
internal static class JsonataSuite
{
    private static readonly Lazy<string> Root = new(() => TestData.JsonataSuite);
    private static readonly Lazy<Dictionary<string, string>> ExclusionTable = new(LoadExclusions);
    private static readonly Lazy<Dictionary<string, JValue>> Datasets = new(LoadDatasets);

    public static string SuiteDirectory => Root.Value;

    public static IReadOnlyDictionary<string, string> Exclusions => ExclusionTable.Value;

    public static IEnumerable<string> CaseIds()
    {
        var groups = Path.Combine(Root.Value, "groups");
        foreach (var dir in Directory.GetDirectories(groups).Order(StringComparer.Ordinal))
        {
            var group = Path.GetFileName(dir);
            foreach (var file in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var value = LenientJson.Parse(File.ReadAllText(file));
                if (value is JArray a)
                {
                    for (var i = 0; i < a.Count; i++)
                        yield return $"{group}/{name}[{i}]";
                }
                else
                {
                    yield return $"{group}/{name}";
                }
            }
        }
    }

    public static JObject LoadCase(string id, out string groupDirectory)
    {
        var index = -1;
        var path = id;
        var bracket = id.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            index = int.Parse(id.AsSpan(bracket + 1, id.Length - bracket - 2), System.Globalization.CultureInfo.InvariantCulture);
            path = id[..bracket];
        }

        var file = Path.Combine(Root.Value, "groups", path + ".json");
        groupDirectory = Path.GetDirectoryName(file)!;
        var value = LenientJson.Parse(File.ReadAllText(file));
        return (JObject)(index >= 0 ? ((JArray)value)[index] : value);
    }

    public static JValue? Dataset(string name) => Datasets.Value.TryGetValue(name, out var v) ? v : null;

    private static Dictionary<string, JValue> LoadDatasets()
    {
        var result = new Dictionary<string, JValue>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(Root.Value, "datasets"), "*.json"))
        {
            result[Path.GetFileNameWithoutExtension(file)] = LenientJson.Parse(File.ReadAllText(file));
        }

        return result;
    }

    private static Dictionary<string, string> LoadExclusions()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var file = Path.Combine(AppContext.BaseDirectory, "excluded-cases.txt");
        if (!File.Exists(file))
            return result;
        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var sep = line.IndexOf(' ', StringComparison.Ordinal);
            var id = sep < 0 ? line : line[..sep];
            result[id] = sep < 0 ? "excluded" : line[(sep + 1)..].Trim();
        }

        return result;
    }
}
