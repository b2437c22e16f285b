using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Quickstep.Json;

/// <summary>
/// An immutable JSON object that keeps insertion order (AWS prints properties in that order).
/// Lookups scan small objects and use a lazily built index for larger ones.
/// </summary>
public sealed class JObject : JValue, IReadOnlyList<KeyValuePair<string, JValue>>
{
    public static readonly JObject Empty = new([]);

    private const int IndexThreshold = 8;

    private readonly KeyValuePair<string, JValue>[] _properties;
    private Dictionary<string, int>? _index;
    private int _size = -1;

    private JObject(KeyValuePair<string, JValue>[] properties) => _properties = properties;

    public override JKind Kind => JKind.Object;

    public int Count => _properties.Length;

    public override int Utf8Size
    {
        get
        {
            if (_size >= 0)
                return _size;
            var size = 2 + Math.Max(0, _properties.Length - 1);
            foreach (var p in _properties)
                size += JString.SizeOf(p.Key) + 1 + p.Value.Utf8Size;
            return _size = size;
        }
    }

    public KeyValuePair<string, JValue> this[int index] => _properties[index];

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var p in _properties)
                yield return p.Key;
        }
    }

    public ReadOnlySpan<KeyValuePair<string, JValue>> AsSpan() => _properties;

    /// <summary>
    /// Wraps <paramref name="properties"/> without copying; keys must be unique and the caller must
    /// not change the array afterwards.
    /// </summary>
    public static JObject Own(KeyValuePair<string, JValue>[] properties) =>
        properties.Length == 0 ? Empty : new JObject(properties);

    /// <summary>Builds an object; a repeated key keeps its first position and its last value (as JSON parsers do).</summary>
    public static JObject Create(IEnumerable<KeyValuePair<string, JValue>> properties)
    {
        var builder = new JObjectBuilder();
        foreach (var p in properties)
            builder.Set(p.Key, p.Value);
        return builder.Build();
    }

    public JValue? this[string key] => TryGetValue(key, out var value) ? value : null;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [NotNullWhen(true)] out JValue? value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }

        value = _properties[i].Value;
        return true;
    }

    public int IndexOf(string key)
    {
        var props = _properties;
        if (props.Length <= IndexThreshold)
        {
            for (var i = 0; i < props.Length; i++)
            {
                if (string.Equals(props[i].Key, key, StringComparison.Ordinal))
                    return i;
            }

            return -1;
        }

        var index = _index ??= BuildIndex(props);
        return index.TryGetValue(key, out var found) ? found : -1;
    }

    /// <summary>
    /// A copy with <paramref name="key"/> set: replaced in place when present, else appended. When this object's size
    /// is known, the copy's is worked out from it (a state's ResultPath sets one key of its input on every transition,
    /// and every state output is measured).
    /// </summary>
    public JObject With(string key, JValue value)
    {
        var i = IndexOf(key);
        KeyValuePair<string, JValue>[] props;
        var size = -1;
        if (i >= 0)
        {
            props = (KeyValuePair<string, JValue>[])_properties.Clone();
            if (_size >= 0)
                size = _size - props[i].Value.Utf8Size + value.Utf8Size;
            props[i] = new(key, value);
        }
        else
        {
            props = new KeyValuePair<string, JValue>[_properties.Length + 1];
            _properties.CopyTo(props, 0);
            props[^1] = new(key, value);
            if (_size >= 0)
                size = _size + (_properties.Length > 0 ? 1 : 0) + JString.SizeOf(key) + 1 + value.Utf8Size;
        }

        return new JObject(props) { _size = size };
    }

    public JObject Without(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
            return this;
        var props = new KeyValuePair<string, JValue>[_properties.Length - 1];
        Array.Copy(_properties, 0, props, 0, i);
        Array.Copy(_properties, i + 1, props, i, _properties.Length - i - 1);
        return Own(props);
    }

    public IEnumerator<KeyValuePair<string, JValue>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, JValue>>)_properties).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _properties.GetEnumerator();

    public override bool Equals(JValue? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is not JObject o || o._properties.Length != _properties.Length)
            return false;
        foreach (var p in _properties)
        {
            if (!o.TryGetValue(p.Key, out var v) || !p.Value.Equals(v))
                return false;
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var p in _properties)
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(p.Key), p.Value.GetHashCode());
        return HashCode.Combine(_properties.Length, hash);
    }

    private static Dictionary<string, int> BuildIndex(KeyValuePair<string, JValue>[] props)
    {
        var index = new Dictionary<string, int>(props.Length, StringComparer.Ordinal);
        for (var i = 0; i < props.Length; i++)
            index[props[i].Key] = i;
        return index;
    }
}
