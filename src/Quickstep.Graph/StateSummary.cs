using System.Globalization;
using System.Text;
using Quickstep.Asl.Model;
using Quickstep.Json;

namespace Quickstep.Graph;

/// <summary>The one-line texts drawn on nodes and edges: details, retry summaries, Choice rules.</summary>
internal static class StateSummary
{
    /// <summary>Labels longer than this are cut with "…" so a drawing stays readable.</summary>
    public const int MaxLabel = 60;

    private const string StatesArnPrefix = "arn:aws:states:::";

    public static string Detail(State state) => state switch
    {
        TaskState t => Resource(t.Resource),
        WaitState w => WaitDetail(w),
        MapState m => MapDetail(m),
        ParallelState p => p.Branches.Count == 1 ? "1 branch" : $"{p.Branches.Count} branches",
        ChoiceState c => c.Choices.Count == 1 ? "1 rule" : $"{c.Choices.Count} rules",
        FailState f => FailDetail(f),
        _ => "",
    };

    public static string? Retry(State state)
    {
        var retriers = state switch
        {
            TaskState t => t.Retry,
            MapState m => m.Retry,
            ParallelState p => p.Retry,
            _ => [],
        };
        if (retriers.Count == 0)
            return null;
        var parts = retriers.Select(r => $"{string.Join(",", r.ErrorEquals)} ×{r.MaxAttempts.ToString(CultureInfo.InvariantCulture)}");
        return Cut("Retry: " + string.Join("; ", parts));
    }

    /// <summary>A Choice rule in one short line, e.g. <c>$.total &gt; 100</c> or <c>not ($.vip == true)</c>.</summary>
    public static string ChoiceRule(ChoiceRule rule) => Cut(Rule(rule));

    public static string Catch(Catcher catcher) => Cut(string.Join(", ", catcher.ErrorEquals));

    /// <summary>Shortens a label to <see cref="MaxLabel"/> characters.</summary>
    public static string Cut(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxLabel ? text : string.Concat(text.AsSpan(0, MaxLabel - 1), "…");
    }

    private static string Resource(string resource)
    {
        if (resource.StartsWith(StatesArnPrefix, StringComparison.Ordinal))
            return resource[StatesArnPrefix.Length..];

        // arn:aws:lambda:region:account:function:name → "function:name"; activities likewise.
        var parts = resource.Split(':');
        if (parts.Length >= 7 && parts[0] == "arn")
            return Cut(string.Join(':', parts[5..]));
        return Cut(resource);
    }

    private static string WaitDetail(WaitState w)
    {
        if (w.Seconds is { } seconds)
            return Cut(seconds is JString s ? s.Value : $"{seconds}s");
        if (w.SecondsPath is { } secondsPath)
            return Cut("Seconds: " + secondsPath);
        if (w.Timestamp is { } timestamp)
            return Cut("until " + (timestamp is JString ts ? ts.Value : timestamp.ToString()));
        return w.TimestampPath is { } tsPath ? Cut("Timestamp: " + tsPath) : "";
    }

    private static string MapDetail(MapState m)
    {
        var items = m.ItemsPath is { } path ? "items " + path
            : m.Items is { } expr ? "items " + (expr is JString s ? s.Value : expr.ToString())
            : m.ItemReader is not null ? "items from reader"
            : "";
        var concurrency = m.MaxConcurrency is JNumber n && n.Value > 0 ? $"max {n}"
            : m.MaxConcurrencyPath is { } mp ? "max " + mp
            : "";
        return Cut(string.Join(", ", new[] { items, concurrency }.Where(p => p.Length > 0)));
    }

    private static string FailDetail(FailState f)
    {
        var error = f.Error is JString e ? e.Value : f.ErrorPath;
        return error is null ? "" : Cut(error);
    }

    private static string Rule(ChoiceRule rule)
    {
        if (rule.Condition is { } condition)
            return condition is JString s ? Expression(s.Value) : condition.ToString();
        if (rule.And is { } and)
            return string.Join(" and ", and.Select(Nested));
        if (rule.Or is { } or)
            return string.Join(" or ", or.Select(Nested));
        if (rule.Not is { } not)
            return "not " + Nested(not);
        return Comparison(rule);
    }

    private static string Nested(ChoiceRule rule)
    {
        var text = Rule(rule);
        return rule.And is not null || rule.Or is not null ? "(" + text + ")" : text;
    }

    private static string Expression(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("{%", StringComparison.Ordinal) && t.EndsWith("%}", StringComparison.Ordinal))
            t = t[2..^2].Trim();
        return t;
    }

    private static string Comparison(ChoiceRule rule)
    {
        var variable = rule.Variable ?? "?";
        var op = rule.Operator ?? "";
        var operand = rule.Operand;
        if (op.StartsWith("Is", StringComparison.Ordinal))
        {
            var what = op[2..].ToLowerInvariant();
            var negated = operand is { Kind: JKind.False };
            return what switch
            {
                "present" => negated ? $"{variable} is absent" : $"{variable} is present",
                _ => negated ? $"{variable} is not {what}" : $"{variable} is {what}",
            };
        }

        var isPath = op.EndsWith("Path", StringComparison.Ordinal);
        var baseOp = isPath ? op[..^4] : op;
        var symbol = baseOp switch
        {
            _ when baseOp.EndsWith("GreaterThanEquals", StringComparison.Ordinal) => ">=",
            _ when baseOp.EndsWith("LessThanEquals", StringComparison.Ordinal) => "<=",
            _ when baseOp.EndsWith("GreaterThan", StringComparison.Ordinal) => ">",
            _ when baseOp.EndsWith("LessThan", StringComparison.Ordinal) => "<",
            _ when baseOp.EndsWith("Equals", StringComparison.Ordinal) => "==",
            "StringMatches" => "matches",
            _ => baseOp,
        };
        var value = operand switch
        {
            null => "",
            JString s when isPath => s.Value,
            _ => operand.ToString(),
        };
        var sb = new StringBuilder(variable).Append(' ').Append(symbol);
        if (value.Length > 0)
            sb.Append(' ').Append(value);
        return sb.ToString();
    }
}
