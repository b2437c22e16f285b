using System.Text.Json;

namespace Quickstep.Fuzz.Tests;

/// <summary>Valid seeds from the repository's test data: conformance definitions and the JSONata test suite's expressions.</summary>
internal static class Corpus
{
    private static readonly Lazy<IReadOnlyList<string>> LazyDefinitions = new(() => Read("conformance", "cases", "definition", 300));
    private static readonly Lazy<IReadOnlyList<string>> LazyJsonata = new(() => Read("jsonata-test-suite", "groups", "expr", 1500));

    public static IReadOnlyList<string> Definitions => LazyDefinitions.Value;

    public static IReadOnlyList<string> JsonataExpressions => LazyJsonata.Value;

    private static List<string> Read(string set, string folder, string property, int max)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "tests", "data", set, folder), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            // A test-suite string holding a lone surrogate escape cannot be a .NET string read by System.Text.Json: skipped.
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(property, out var value)
                && (value.ValueKind != JsonValueKind.String || !value.GetRawText().Contains("\\ud", StringComparison.OrdinalIgnoreCase)))
                found.Add(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
            if (found.Count == max)
                break;
        }

        Assert.NotEmpty(found);
        return found;
    }

    private static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Quickstep.slnx")))
                    return dir.FullName;
            }

            throw new InvalidOperationException("Quickstep.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
