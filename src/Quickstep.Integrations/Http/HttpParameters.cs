using Quickstep.Json;

namespace Quickstep.Integrations.Http;

/// <summary>A connection's ConnectionHttpParameters: headers, query string and body parameters it adds to a request.</summary>
internal sealed record HttpParameters(
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Body)
{
    public static HttpParameters None { get; } = new([], [], []);

    public static HttpParameters From(JObject? p) => p is null
        ? None
        : new(List(p, "HeaderParameters"), List(p, "QueryStringParameters"), List(p, "BodyParameters"));

    private static List<KeyValuePair<string, string>> List(JObject p, string member)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (p[member] is not JArray items)
            return result;
        foreach (var item in items)
        {
            if (item is JObject o && o["Key"] is JString key)
                result.Add(new(key.Value, o["Value"] is JString value ? value.Value : string.Empty));
        }

        return result;
    }
}
