using Quickstep.Conformance.Tests.Comparison;
using Quickstep.Conformance.Tests.Running;
using Quickstep.Json;

namespace Quickstep.Tools;

/// <summary>
/// Checks the C# comparer against compare.py on results made elsewhere: every DIR/*.json ({"id", "status",
/// "output", "error", "cause", "history"}, as compare.py's command prints) is compared with its case, and the
/// differences are written to DIR/csharp-diffs.json for tools/conformance/crosscheck_compare.py to set
/// beside compare.py's.
/// </summary>
internal static class CrossCheck
{
    public static int Run(string dir, TextWriter stdout)
    {
        var output = new JObjectBuilder();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "csharp-diffs.json" || JsonText.Parse(File.ReadAllText(file)) is not JObject r)
                continue;
            var c = CaseLibrary.Get(((JString)r["id"]!).Value);
            var result = new EngineResult(
                r["status"] is JString s ? s.Value : "None",
                r["output"],
                r["error"] is JString e ? e.Value : null,
                r["cause"] is JString ca ? ca.Value : null,
                r["history"] is JArray h ? [.. h] : null);
            var d = CaseRunner.Compare(c, result);
            var hd = c.ExpectedHistory is { } eh ? HistoryComparer.Compare(eh, c.Placeholders, result.History) : null;
            output.Set(Path.GetFileName(file), new JObjectBuilder()
                .Set("result", d is null ? JValue.Null : JString.Create(d))
                .Set("history", hd is null ? JValue.Null : JString.Create(hd))
                .Build());
        }

        var target = Path.Combine(dir, "csharp-diffs.json");
        File.WriteAllText(target, JsonText.Serialize(output.Build(), indented: true));
        stdout.WriteLine($"wrote {target}");
        return 0;
    }
}
