using System.Globalization;
using Quickstep.Json;

namespace Quickstep.Services.Sqs;

/// <summary>Reads members of a request shape; a member of the wrong JSON type is a SerializationException, as AWS JSON answers.</summary>
internal static class SqsInput
{
    public static string Required(JObject input, string name) =>
        Optional(input, name) is { } s ? s : throw SqsErrors.MissingParameter(name);

    public static string? Optional(JObject input, string name) => input[name] switch
    {
        null or JNull => null,
        JString s => s.Value,
        _ => throw SqsErrors.Serialization($"Value for '{name}' must be a string."),
    };

    public static int? Int(JObject input, string name) => input[name] switch
    {
        null or JNull => null,
        JNumber n when n.TryGetInt32(out var i) => i,
        JString s when int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
        _ => throw SqsErrors.Serialization($"Value for '{name}' must be an integer."),
    };

    public static JObject? Map(JObject input, string name) => input[name] switch
    {
        null or JNull => null,
        JObject o => o,
        _ => throw SqsErrors.Serialization($"Value for '{name}' must be a map."),
    };

    public static JArray? List(JObject input, string name) => input[name] switch
    {
        null or JNull => null,
        JArray a => a,
        _ => throw SqsErrors.Serialization($"Value for '{name}' must be a list."),
    };

    /// <summary>A map of strings (queue attributes, tags).</summary>
    public static List<KeyValuePair<string, string>> StringMap(JObject input, string name)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (Map(input, name) is { } map)
        {
            foreach (var (k, v) in map)
                list.Add(new(k, v is JString s ? s.Value : throw SqsErrors.Serialization($"Values of '{name}' must be strings.")));
        }

        return list;
    }

    public static List<string> Strings(JObject input, string name)
    {
        var list = new List<string>();
        if (List(input, name) is { } items)
        {
            foreach (var v in items)
                list.Add(v is JString s ? s.Value : throw SqsErrors.Serialization($"Items of '{name}' must be strings."));
        }

        return list;
    }
}
