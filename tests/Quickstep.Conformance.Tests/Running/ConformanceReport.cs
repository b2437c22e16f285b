using System.Globalization;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Running;

/// <summary>
/// The run's summary (per category: cases, passed, failed, excluded; the same for histories) and
/// a per-case JSON report, written under the project's TestResults folder: the input for the
/// exclusion lists and FAILURES.md.
/// </summary>
internal static class ConformanceReport
{
    public static string ResultsDir => Path.Combine(CaseLibrary.RepoRoot, "tests", "Quickstep.Conformance.Tests", "TestResults");

    public static string Summarise(IReadOnlyList<CaseOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var sb = new StringBuilder();
        var notRun = CaseLibrary.All.Count(c => !c.IsRunnable);
        sb.AppendLine(CultureInfo.InvariantCulture, $"conformance: {outcomes.Count} cases run ({notRun} not runnable), real-time limit {CaseRunner.RealTimeout.TotalSeconds:0.#} s per case");
        Table(sb, "results", outcomes, _ => true, o => o.Passed, Exclusions.Cases);
        Table(sb, "history", outcomes, o => o.HasHistory, o => o.HistoryPassed, Exclusions.History);
        var stale = outcomes.Where(o => o.Passed && Exclusions.Cases.ContainsKey(o.Case.Id)).Select(o => o.Case.Id)
            .Concat(outcomes.Where(o => o.HistoryPassed && Exclusions.History.ContainsKey(o.Case.Id)).Select(o => o.Case.Id + " (history)"))
            .ToList();
        if (stale.Count > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"excluded but passing now ({stale.Count}): remove them from the lists");
            foreach (var id in stale)
                sb.Append("  ").AppendLine(id);
        }

        // Refused definitions are compared on status and error only (AWS's validator wording is not a contract); say how close the causes are.
        var refused = outcomes.Where(o => o.Case.ExpectedStatus == "INVALID_DEFINITION" && o.Result.Status == "INVALID_DEFINITION").ToList();
        if (refused.Count > 0)
        {
            var exact = refused.Count(o => Comparison.ResultComparer.Compare(o.Case.Expected, o.Case.Placeholders, o.Result) is null);
            sb.AppendLine(CultureInfo.InvariantCulture, $"INVALID_DEFINITION causes (informational, not compared): {exact} of {refused.Count} match AWS's text exactly");
        }

        var slowest = outcomes.OrderByDescending(o => o.Elapsed).Take(5);
        sb.AppendLine("slowest: " + string.Join(", ", slowest.Select(o => $"{o.Case.Id} {o.Elapsed.TotalMilliseconds:0} ms")));
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, string title, IReadOnlyList<CaseOutcome> outcomes, Func<CaseOutcome, bool> applies, Func<CaseOutcome, bool> passed, IReadOnlyDictionary<string, string> excluded)
    {
        var rows = outcomes.Where(applies).GroupBy(o => o.Case.Category).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var width = Math.Max(8, rows.Count == 0 ? 0 : rows.Max(g => g.Key.Length));
        sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{title}:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"category".PadRight(width)}  {"cases",5}  {"pass",5}  {"fail",5}  {"excl",5}");
        int tc = 0, tp = 0, tf = 0, te = 0;
        foreach (var g in rows)
        {
            var c = g.Count();
            var p = g.Count(passed);
            var e = g.Count(o => !passed(o) && excluded.ContainsKey(o.Case.Id));
            var f = c - p - e;
            sb.AppendLine(CultureInfo.InvariantCulture, $"{g.Key.PadRight(width)}  {c,5}  {p,5}  {f,5}  {e,5}");
            (tc, tp, tf, te) = (tc + c, tp + p, tf + f, te + e);
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"{"TOTAL".PadRight(width)}  {tc,5}  {tp,5}  {tf,5}  {te,5}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{title}: {tp} passed, {tc - tp} failed ({te} of them excluded)");
    }

    /// <summary>Per case: category, outcome, first difference, engine status/error/cause, and the same for the history.</summary>
    public static JValue ToJson(IReadOnlyList<CaseOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var root = new JObjectBuilder();
        foreach (var o in outcomes.OrderBy(o => o.Case.Id, StringComparer.Ordinal))
        {
            var b = new JObjectBuilder()
                .Set("category", JString.Create(o.Case.Category))
                .Set("file", JString.Create(Path.GetFileName(o.Case.FilePath)))
                .Set("outcome", JString.Create(o.Passed ? "pass" : "fail"))
                .Set("detail", o.ResultDiff is null ? JValue.Null : JString.Create(o.ResultDiff))
                .Set("status", JString.Create(o.Result.Status))
                .Set("error", o.Result.Error is null ? JValue.Null : JString.Create(o.Result.Error))
                .Set("cause", o.Result.Cause is null ? JValue.Null : JString.Create(o.Result.Cause))
                .Set("ms", JNumber.Create(Math.Round(o.Elapsed.TotalMilliseconds)));
            if (Exclusions.Cases.TryGetValue(o.Case.Id, out var reason))
                b.Set("excluded", JString.Create(reason));
            if (o.HasHistory)
            {
                var h = new JObjectBuilder()
                    .Set("outcome", JString.Create(o.HistoryPassed ? "pass" : "fail"))
                    .Set("detail", o.HistoryDiff is null ? JValue.Null : JString.Create(o.HistoryDiff));
                if (Exclusions.History.TryGetValue(o.Case.Id, out var hr))
                    h.Set("excluded", JString.Create(hr));
                b.Set("history", h.Build());
            }

            root.Set(o.Case.Id, b.Build());
        }

        return root.Build();
    }

    /// <summary>Set QUICKSTEP_CONFORMANCE_DUMP=1 to also write each engine result (compare.py's result shape, with history) to TestResults/results/.</summary>
    public static bool DumpResults => Environment.GetEnvironmentVariable("QUICKSTEP_CONFORMANCE_DUMP") == "1";

    /// <summary>An engine result as compare.py's command prints it: {"id", "status", "output", "error", "cause", "history"}.</summary>
    public static JValue ResultJson(CaseOutcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var r = o.Result;
        return new JObjectBuilder()
            .Set("id", JString.Create(o.Case.Id))
            .Set("status", JString.Create(r.Status))
            .Set("output", r.Output ?? JValue.Null)
            .Set("error", r.Error is null ? JValue.Null : JString.Create(r.Error))
            .Set("cause", r.Cause is null ? JValue.Null : JString.Create(r.Cause))
            .Set("history", r.History is null ? JValue.Null : JArray.Create(r.History))
            .Build();
    }

    public static void Write(IReadOnlyList<CaseOutcome> outcomes, string summary)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Directory.CreateDirectory(ResultsDir);
        if (DumpResults)
        {
            var dir = Path.Combine(ResultsDir, "results");
            Directory.CreateDirectory(dir);
            foreach (var o in outcomes)
                File.WriteAllText(Path.Combine(dir, Path.GetFileName(o.Case.FilePath)), JsonText.Serialize(ResultJson(o)) + "\n");
        }

        File.WriteAllText(Path.Combine(ResultsDir, "conformance-summary.txt"), summary);
        File.WriteAllText(Path.Combine(ResultsDir, "conformance-report.json"), JsonText.Serialize(ToJson(outcomes), indented: true) + "\n");
    }
}
