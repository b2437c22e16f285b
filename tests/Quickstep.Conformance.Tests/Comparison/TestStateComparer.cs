using System.Text.RegularExpressions;
using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Comparison;

/// <summary>
/// compare.py's <c>compare_test_state</c> (with <c>api_error_of</c> and <c>_drop_absent</c>): a TestState
/// response, or the API error it became, against the recorded one.
/// </summary>
internal static partial class TestStateComparer
{
    /// <summary>compare.py's TEST_STATE_JSON_TEXT: the members of a TestState response that are JSON texts.</summary>
    [GeneratedRegex(@"^\$\.(?:output|inspectionData\.(?:input|afterInputPath|afterParameters|afterArguments|result|afterResultSelector|afterResultPath|afterItemsPath|afterItemsPointer|afterItemSelector|afterItemBatcher|variables))$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonTextMembers();

    /// <summary>Null if <paramref name="response"/> (the API's JSON body) matches <paramref name="expected"/>, else the first difference.</summary>
    public static string? Compare(JObject expected, JValue? placeholders, JObject response)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(response);
        var tokens = new Tokens(placeholders);
        var error = ApiError(response);
        if (expected["Error"] is JObject want)
        {
            if (error is null)
                return $"expected API error {Str(want["Code"])} ({PyFormat.Short(Str(want["Message"]), 100)}), got a response with status {PyFormat.Short(Str(response["status"]), 40)}";
            if (Str(want["Code"]) != error.Value.Code)
                return $"Error.Code: expected '{Str(want["Code"])}', got {PyFormat.Short(error.Value.Code, 60)} ({PyFormat.Short(error.Value.Message, 100)})";
            return want.ContainsKey("Message") ? ValueMatcher.MatchTextField(want["Message"], error.Value.Message, tokens, "Error.Message") : null;
        }

        if (error is not null)
            return $"status: expected {Str(expected["status"])}, got API error {error.Value.Code}: {PyFormat.Short(error.Value.Message, 100)}";
        var actual = DropAbsent(expected, response);
        if (actual["inspectionData"] is JObject inspection && expected["inspectionData"] is JObject expectedInspection)
            actual = With(actual, "inspectionData", DropAbsent(expectedInspection, inspection));
        actual = (JObject)RecorderNormaliser.Normalise(actual)!;
        if (Str(actual["status"]) != Str(expected["status"]))
        {
            var extra = actual.ContainsKey("error") || actual.ContainsKey("cause")
                ? $" ({PyFormat.Short(Str(actual["error"]), 60)}: {PyFormat.Short(Str(actual["cause"]), 100)})"
                : string.Empty;
            return $"status: expected {Str(expected["status"])}, got {PyFormat.Short(Str(actual["status"]), 40)}{extra}";
        }

        return ValueMatcher.MatchValue(expected, actual, tokens, "$", JsonTextMembers());
    }

    /// <summary>(Code, Message) of an API error body ({"__type", "message"}), or null for a TestState response.</summary>
    private static (string Code, string? Message)? ApiError(JObject response)
    {
        if (response["__type"] is not JString type)
            return null;
        var code = type.Value[(type.Value.LastIndexOf('#') + 1)..];
        return (code, Str(response["message"]) ?? Str(response["Message"]));
    }

    /// <summary>Null members the API would have left out (not in the recording) are ignored.</summary>
    private static JObject DropAbsent(JObject expected, JObject actual) =>
        JObject.Create(actual.Where(kv => kv.Value is not JNull || expected.ContainsKey(kv.Key)));

    private static JObject With(JObject o, string key, JValue value) =>
        JObject.Create(o.Select(kv => kv.Key == key ? new KeyValuePair<string, JValue>(key, value) : kv));

    private static string? Str(JValue? v) => v is JString s ? s.Value : v is null or JNull ? null : v.ToString();
}
