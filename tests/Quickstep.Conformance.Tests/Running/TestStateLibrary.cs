using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Running;

/// <summary>The recorded TestState calls: every case file under <c>cases/test_state</c> with kind "test_state".</summary>
internal static class TestStateLibrary
{
    private static readonly Lazy<IReadOnlyList<TestStateCase>> LazyCases = new(LoadAll);

    public static IReadOnlyList<TestStateCase> All => LazyCases.Value;

    private static IReadOnlyList<TestStateCase> LoadAll()
    {
        var dir = Path.Combine(CaseLibrary.ConformanceDir, "cases", "test_state");
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"The TestState cases are not at {dir} (set QUICKSTEP_CONFORMANCE_DIR).");
        var cases = new List<TestStateCase>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (JsonText.Parse(File.ReadAllText(file)) is JObject json && json.ContainsKey("definition")
                && json["expected"] is JObject && json["kind"] is JString { Value: "test_state" })
                cases.Add(TestStateCase.FromJson(json, file));
        }

        return cases;
    }
}
