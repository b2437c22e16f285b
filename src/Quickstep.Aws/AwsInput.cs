using System.Globalization;
using Quickstep.Json;

namespace Quickstep.Aws;

/// <summary>
/// Reads members of an operation's input shape whether they came typed (AWS JSON, Task integrations) or as the
/// query protocol's strings (<c>"true"</c>, <c>"10"</c>).
/// </summary>
public static class AwsInput
{
    public static string? String(JObject input, string member)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input[member] switch
        {
            null or JNull => null,
            JString s => s.Value,
            JNumber n => n.ToJsonText(),
            JBool b => b.Kind == JKind.True ? "true" : "false",
            var other => other.ToString(),
        };
    }

    /// <summary>The member, or an error in the service's validation shape when it is missing.</summary>
    public static string Required(JObject input, string member, Func<string, AwsServiceException> missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        return String(input, member) ?? throw missing(member);
    }

    public static bool? Bool(JObject input, string member)
    {
        var s = String(input, member);
        return s is null ? null : string.Equals(s, "true", StringComparison.OrdinalIgnoreCase);
    }

    public static int? Int(JObject input, string member) =>
        String(input, member) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A list member: a JSON array, or nothing.</summary>
    public static JArray List(JObject input, string member)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input[member] as JArray ?? JArray.Empty;
    }

    /// <summary>A map member (<c>{"k": "v"}</c>) as strings.</summary>
    public static Dictionary<string, string> StringMap(JObject input, string member)
    {
        ArgumentNullException.ThrowIfNull(input);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input[member] is JObject o)
        {
            foreach (var (k, v) in o)
                map[k] = v is JString s ? s.Value : v.ToString();
        }

        return map;
    }
}
