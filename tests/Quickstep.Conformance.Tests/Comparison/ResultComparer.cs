using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Comparison;

/// <summary>compare.py's <c>compare_result</c>: the engine's result against the case's <c>expected</c>.</summary>
internal static class ResultComparer
{
    /// <summary>Null if <paramref name="result"/> matches, else the first difference.</summary>
    /// <param name="expected">The case's <c>expected</c> object.</param>
    /// <param name="placeholders">The case's <c>placeholders</c> object (or null).</param>
    public static string? Compare(JObject expected, JValue? placeholders, EngineResult result, bool ignoreCause = false)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(result);
        var tokens = new Tokens(placeholders);
        var status = expected["status"] is JString s ? s.Value : null;
        if (result.Status != status)
        {
            var extra = string.Empty;
            if (!string.IsNullOrEmpty(result.Error) || !string.IsNullOrEmpty(result.Cause))
                extra = $" ({PyFormat.Short(result.Error, 60)}: {PyFormat.Short(result.Cause, 100)})";
            return $"status: expected {status ?? "None"}, got {result.Status}{extra}";
        }

        if (status == "SUCCEEDED")
        {
            if (expected["output_text"] is JString outputText)
            {
                // Recorded text that is not valid JSON: compare as text (json.dumps, compact).
                var act = PyFormat.Dumps(result.Output ?? JValue.Null, sortKeys: false, ensureAscii: true, compact: true);
                return ValueMatcher.MatchString(outputText.Value, act, tokens) ? null : "output text differs";
            }

            if (expected.TryGetValue("output", out var output))
                return ValueMatcher.MatchValue(output, result.Output, tokens, "output");
            return null;
        }

        var d = ValueMatcher.MatchTextField(expected["error"], result.Error, tokens, "error");
        if (d is not null)
            return d;
        return ignoreCause ? null : ValueMatcher.MatchTextField(expected["cause"], result.Cause, tokens, "cause");
    }
}
