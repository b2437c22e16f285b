using System.Globalization;
using Quickstep.Json;

namespace Quickstep.Services.Events.Rules;

/// <summary>
/// The JSON paths of InputPath and InputPathsMap: <c>$</c>, dot notation, array indices and <c>*</c> wildcards, the
/// subset EventBridge supports (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html).
/// </summary>
internal static class EventPath
{
    /// <summary>Null when the path is malformed.</summary>
    public static IReadOnlyList<Segment>? Parse(string path)
    {
        if (!path.StartsWith('$'))
            return null;
        var segments = new List<Segment>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                    end++;
                var name = path[(i + 1)..end];
                if (name.Length == 0)
                    return null;
                segments.Add(name == "*" ? Segment.Wildcard : new Segment(name, -1));
                i = end;
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                    return null;
                var inner = path[(i + 1)..close];
                if (inner == "*")
                    segments.Add(Segment.Wildcard);
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    segments.Add(new Segment(null, index));
                else
                    return null;
                i = close + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    /// <summary>The value at the path, or null when the event has none there; a wildcard gives an array of what it reached.</summary>
    public static JValue? Select(JValue root, IReadOnlyList<Segment> path, int from = 0)
    {
        var current = root;
        for (var i = from; i < path.Count; i++)
        {
            var s = path[i];
            if (s.IsWildcard)
            {
                IEnumerable<JValue> children = current switch
                {
                    JArray a => a,
                    JObject o => o.Select(p => p.Value),
                    _ => [],
                };
                var results = new List<JValue>();
                foreach (var child in children)
                {
                    if (Select(child, path, i + 1) is { } v)
                        results.Add(v);
                }

                return JArray.Create(results);
            }

            JValue? next = s.Name is not null
                ? (current as JObject)?[s.Name]
                : current is JArray arr && s.Index < arr.Count ? arr[s.Index] : null;
            if (next is null)
                return null;
            current = next;
        }

        return current;
    }

    /// <summary>One step: a member name, an array index, or <c>*</c>.</summary>
    internal readonly record struct Segment(string? Name, int Index)
    {
        public static Segment Wildcard => new("*", -2);

        public bool IsWildcard => Index == -2;
    }
}
