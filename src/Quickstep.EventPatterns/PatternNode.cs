using Quickstep.Json;

namespace Quickstep.EventPatterns;

/// <summary>
/// One object level of one <c>$or</c> branch: each field either holds conditions (leaves) or a nested level. A nested
/// level reached through an array matches when one element matches all of its fields, so fields of different
/// array elements never combine.
/// </summary>
internal sealed class PatternNode
{
    private readonly List<(string Key, LeafPattern? Leaf, PatternNode? Child)> _fields = [];
    private readonly Dictionary<string, PatternNode> _children = new(StringComparer.Ordinal);

    public void AddLeaf(ReadOnlySpan<string> path, LeafPattern leaf)
    {
        if (path.Length == 1)
        {
            _fields.Add((path[0], leaf, null));
            return;
        }

        if (!_children.TryGetValue(path[0], out var child))
        {
            child = new PatternNode();
            _children[path[0]] = child;
            _fields.Add((path[0], null, child));
        }

        child.AddLeaf(path[1..], leaf);
    }

    public bool Matches(JObject? obj)
    {
        foreach (var (key, leaf, child) in _fields)
        {
            JValue? value = null;
            if (obj is not null && !obj.TryGetValue(key, out value) && key.Contains('.', StringComparison.Ordinal))
                value = Dotted(obj, key);
            if (leaf is not null ? !leaf.Matches(value) : !child!.MatchesNested(value))
                return false;
        }

        return true;
    }

    /// <summary>
    /// A dotted pattern key (<c>"a.b"</c>) also reaches the nested field <c>{"a": {"b": …}}</c>: AWS flattens both
    /// the pattern and the event to dotted paths before matching.
    /// </summary>
    private static JValue? Dotted(JObject obj, string key)
    {
        JValue current = obj;
        foreach (var part in key.Split('.'))
        {
            if (current is not JObject o || !o.TryGetValue(part, out var next))
                return null;
            current = next;
        }

        return current;
    }

    private bool MatchesNested(JValue? value)
    {
        switch (value)
        {
            case JObject o:
                return Matches(o);
            case JArray a:
                var sawObject = false;
                if (AnyElement(a, ref sawObject))
                    return true;
                return !sawObject && Matches(null);
            default:
                return Matches(null);
        }
    }

    private bool AnyElement(JArray array, ref bool sawObject)
    {
        foreach (var item in array.AsSpan())
        {
            if (item is JObject o)
            {
                sawObject = true;
                if (Matches(o))
                    return true;
            }
            else if (item is JArray inner && AnyElement(inner, ref sawObject))
            {
                return true;
            }
        }

        return false;
    }
}
