using System.Text.RegularExpressions;
using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Comparison;

/// <summary>
/// compare.py's <c>match_string</c>, <c>match_value</c> and <c>match_text_field</c>: JSON deep
/// equality (key order ignored, 1 == 1.0, booleans are not numbers) with the recording's
/// placeholders as wildcards and the recorder's date normalisation applied to the actual side.
/// Each returns null on a match, else the first difference as compare.py words it.
/// </summary>
internal static partial class ValueMatcher
{
    [GeneratedRegex("timestamp", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimestampKey();

    public static bool MatchString(string expected, string actual, Tokens tokens)
    {
        if (expected == actual)
            return true;
        var normalised = DateNormaliser.Normalise(actual);
        if (expected == normalised)
            return true;
        var pattern = tokens.PatternFor(expected);
        if (pattern is null)
            return false;
        return FullMatch(pattern, normalised) || FullMatch(pattern, actual);
    }

    private static bool FullMatch(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <param name="actual">The engine's value; null stands for Python's None (absent), like JSON null.</param>
    /// <param name="jsonText">Paths (full match) whose values are JSON texts in the API (history details' input/output…).</param>
    public static string? MatchValue(JValue expected, JValue? actual, Tokens tokens, string path = "$", Regex? jsonText = null)
    {
        actual ??= JValue.Null;
        if (jsonText is not null && actual is JString text && expected is not JString && jsonText.IsMatch(path))
        {
            if (!JsonText.TryParse(text.Value, out var parsed, out _))
                return Diff(path, expected, actual);
            return MatchValue(expected, parsed, tokens, path + "(json)");
        }

        switch (expected)
        {
            case JString e:
                {
                    if (tokens.Value.Contains(e.Value))
                        return null;
                    if (actual is not JString sa)
                        return Diff(path, expected, actual);
                    if (e.Value == DateNormaliser.DateToken)
                        return null;
                    if (MatchString(e.Value, sa.Value, tokens))
                        return null;
                    if (jsonText is not null && jsonText.IsMatch(path))
                    {
                        if (!JsonText.TryParse(e.Value, out var ev, out _) || !JsonText.TryParse(sa.Value, out var av, out _))
                            return Diff(path, expected, actual);
                        return MatchValue(ev!, av, tokens, path + "(json)");
                    }

                    return Diff(path, expected, actual);
                }

            case JBool:
            case JNull:
                return expected.Kind == actual.Kind ? null : Diff(path, expected, actual);
            case JNumber e:
                return actual is JNumber na && PyFormat.NumbersEqual(e, na) ? null : Diff(path, expected, actual);
            case JArray e:
                {
                    if (actual is not JArray aa)
                        return Diff(path, expected, actual);
                    if (e.Count != aa.Count)
                        return $"{path}: expected {e.Count} items, got {aa.Count}";
                    for (var i = 0; i < e.Count; i++)
                    {
                        var d = MatchValue(e[i], aa[i], tokens, $"{path}[{i}]", jsonText);
                        if (d is not null)
                            return d;
                    }

                    return null;
                }

            case JObject e:
                {
                    if (actual is not JObject oa)
                        return Diff(path, expected, actual);
                    // Key-level normalisation of the recording: keys made of a date became "date".
                    var act = new Dictionary<string, JValue>(StringComparer.Ordinal);
                    var order = new List<string>();
                    foreach (var (k, v) in oa)
                    {
                        var key = DateNormaliser.Normalise(k);
                        if (!act.ContainsKey(key))
                            order.Add(key);
                        act[key] = v;
                    }

                    var missing = e.Keys.Where(k => !act.ContainsKey(k)).ToList();
                    var extra = order.Where(k => !e.ContainsKey(k)).ToList();
                    if (missing.Count > 0 || extra.Count > 0)
                        return $"{path}: keys differ (missing {PyFormat.ReprList(missing.Take(5))}, unexpected {PyFormat.ReprList(extra.Take(5))})";
                    foreach (var (k, ev) in e)
                    {
                        if (ev is JString { Value: "timestamp" } && TimestampKey().IsMatch(k))
                            continue;
                        var d = MatchValue(ev, act[k], tokens, $"{path}.{k}", jsonText);
                        if (d is not null)
                            return d;
                    }

                    return null;
                }

            default:
                return Diff(path, expected, actual);
        }
    }

    public static string Diff(string path, JValue expected, JValue? actual) =>
        $"{path}: expected {PyFormat.Short(expected)}, got {PyFormat.Short(actual)}";

    /// <summary>error/cause: strings, but the recording parsed causes that were JSON objects.</summary>
    /// <param name="expected">The recorded field; null or JSON null when none was recorded.</param>
    public static string? MatchTextField(JValue? expected, string? actual, Tokens tokens, string name)
    {
        if (expected is null or JNull)
            return string.IsNullOrEmpty(actual) ? null : $"{name}: expected none, got {PyFormat.Short(actual)}";
        if (expected is JString e)
        {
            if (actual is null)
                return $"{name}: expected {PyFormat.Short(expected)}, got {PyFormat.Short(actual)}";
            return MatchString(e.Value, actual, tokens) ? null : $"{name}: expected {PyFormat.Short(expected)}, got {PyFormat.Short(actual)}";
        }

        // expected is JSON (a cause that was a JSON object): compare structurally.
        JValue? parsed = null;
        if (actual is not null && !JsonText.TryParse(actual, out parsed, out _))
            return Diff(name, expected, JString.Create(actual));
        return MatchValue(expected, parsed, tokens, name);
    }
}
