using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Comparison;

/// <summary>
/// compare.py's <c>recorder_normalise</c>: what the snapshot recorder did to a response before
/// storing it. Inside objects (and objects inside arrays) every string value that starts with '{'
/// and parses as JSON became the parsed value; not recursively into the parsed value; strings
/// directly inside arrays were left alone. Applied to the engine's side.
/// </summary>
internal static class RecorderNormaliser
{
    public static JValue? Normalise(JValue? value)
    {
        if (value is not JObject obj)
            return value;
        var members = new List<KeyValuePair<string, JValue>>(obj.Count);
        foreach (var (k, v) in obj)
        {
            var n = v switch
            {
                JObject o => Normalise(o)!,
                JArray a => JArray.Create(a.Select(x => x is JObject ? Normalise(x)! : x)),
                JString s when s.Value.StartsWith('{') && JsonText.TryParse(s.Value, out var parsed, out _) => parsed!,
                _ => v,
            };
            members.Add(new(k, n));
        }

        return JObject.Create(members);
    }
}
