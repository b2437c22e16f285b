using System.Text.RegularExpressions;
using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Comparison;

/// <summary>
/// compare.py's <c>compare_history</c>: same length, same types in order, same id and
/// previousEventId, same details key, details matching under the value rules (after the recorder's
/// normalisation); events the recorder sorted inside a Parallel state (recorded id <c>[0]</c>) are
/// matched as a multiset.
/// </summary>
internal static partial class HistoryComparer
{
    /// <summary>The JSON texts inside history event details (compared as JSON values when the texts differ).</summary>
    [GeneratedRegex(@"\Ahistory\[\d+\]\.[A-Za-z]+EventDetails\.(?:input|output|parameters|assignedVariables\.[^.\[]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex HistoryJsonText();

    /// <summary>Null if <paramref name="actual"/> matches the recorded history, else the first difference.</summary>
    public static string? Compare(JArray expected, JValue? placeholders, IReadOnlyList<JValue>? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (actual is null)
            return "history: the engine result has no \"history\" list";
        var tokens = new Tokens(placeholders);
        if (actual.Count != expected.Count)
        {
            var n = Math.Min(expected.Count, actual.Count);
            var first = n;
            for (var i = 0; i < n; i++)
            {
                if (actual[i] is not JObject a || (!Reordered(expected[i]) && !Equals(TypeOf(a), TypeOf(expected[i]))))
                {
                    first = i;
                    break;
                }
            }

            var at = string.Empty;
            if (first < Math.Max(expected.Count, actual.Count))
            {
                var eType = first < expected.Count ? TypeOf(expected[first]) ?? "None" : "(end)";
                var aType = first < actual.Count && actual[first] is JObject ao ? TypeOf(ao) ?? "None" : "(end)";
                at = $"; first type difference at history[{first}]: expected {eType}, got {aType}";
            }

            return $"history: expected {expected.Count} events, got {actual.Count}{at}";
        }

        var j = 0;
        while (j < expected.Count)
        {
            if (Reordered(expected[j]))
            {
                var end = j;
                while (end < expected.Count && Reordered(expected[end]))
                    end++;
                var d = MatchUnordered(expected, actual, j, end, tokens);
                if (d is not null)
                    return d;
                j = end;
                continue;
            }

            var diff = CompareEvent((JObject)expected[j], actual[j], tokens, $"history[{j}]");
            if (diff is not null)
                return diff;
            j++;
        }

        return null;
    }

    private static string? TypeOf(JValue e) => e is JObject o && o["type"] is JString s ? s.Value : null;

    /// <summary>Events inside a Parallel state that the recorder sorted and renumbered (id became [0]).</summary>
    private static bool Reordered(JValue e) => e is JObject o && o["id"] is JArray;

    private static List<string> DetailsKeys(JObject e) =>
        [.. e.Keys.Where(k => k.EndsWith("EventDetails", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static string? CompareEvent(JObject expected, JValue actual, Tokens tokens, string path, bool checkIds = true)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(tokens);
        if (actual is not JObject act)
            return $"{path}: expected an event object, got {PyFormat.Short(actual)}";
        var eType = expected["type"];
        var aType = act["type"];
        if (!JEquals(eType, aType))
            return $"{path}.type: expected {PyRepr(eType)}, got {PyFormat.Short(aType)}";
        if (checkIds)
        {
            foreach (var k in (string[])["id", "previousEventId"])
            {
                if (expected.TryGetValue(k, out var ev) && !(act[k] is JNumber an && ev is JNumber en && PyFormat.NumbersEqual(en, an)))
                    return $"{path}.{k}: expected {PyRepr(ev)}, got {PyFormat.Short(act[k])}";
            }
        }

        var eKeys = DetailsKeys(expected);
        var aKeys = DetailsKeys(act);
        if (!eKeys.SequenceEqual(aKeys, StringComparer.Ordinal))
            return $"{path}: details expected {PyFormat.ReprList(eKeys)}, got {PyFormat.ReprList(aKeys)}";
        foreach (var k in eKeys)
        {
            var d = ValueMatcher.MatchValue(expected[k]!, RecorderNormaliser.Normalise(act[k]), tokens, $"{path}.{k}", HistoryJsonText());
            if (d is not null)
                return d;
        }

        return null;
    }

    /// <summary>Python's == between two JSON values where None is absent (for the type field).</summary>
    private static bool JEquals(JValue? a, JValue? b) => (a ?? JValue.Null).Equals(b ?? JValue.Null);

    /// <summary>Python's repr of a JSON value (compare.py uses !r for expected type and ids).</summary>
    private static string PyRepr(JValue? v) => v switch
    {
        null or JNull => "None",
        JString s => PyFormat.Repr(s.Value),
        JBool b => b.Value ? "True" : "False",
        _ => PyFormat.Dumps(v, sortKeys: false, ensureAscii: false, compact: false),
    };

    /// <summary>The recorder sorted the events of a Parallel block: match them as a multiset (bipartite matching).</summary>
    private static string? MatchUnordered(JArray expected, IReadOnlyList<JValue> actual, int start, int end, Tokens tokens)
    {
        var count = end - start;
        var candidates = new List<int>[count];
        for (var j = 0; j < count; j++)
        {
            candidates[j] = [];
            for (var i = 0; i < count; i++)
            {
                if (CompareEvent((JObject)expected[start + i], actual[start + j], tokens, $"history[{start + i}]", checkIds: false) is null)
                    candidates[j].Add(i);
            }
        }

        var owner = new Dictionary<int, int>(); // expected index -> actual index

        bool Assign(int j, HashSet<int> seen)
        {
            foreach (var i in candidates[j])
            {
                if (!seen.Add(i))
                    continue;
                if (!owner.TryGetValue(i, out var other) || Assign(other, seen))
                {
                    owner[i] = j;
                    return true;
                }
            }

            return false;
        }

        for (var j = 0; j < count; j++)
        {
            if (!Assign(j, []))
            {
                var a = actual[start + j];
                var kind = a is JObject ? PyFormat.Short(((JObject)a)["type"], 60) : PyFormat.Short(a, 60);
                return $"history[{start}..{end - 1}] (Parallel block, order not recorded): history[{start + j}] ({kind}) matches no recorded event of the block";
            }
        }

        return null;
    }
}
