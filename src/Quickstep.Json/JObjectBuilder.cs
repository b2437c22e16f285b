namespace Quickstep.Json;

/// <summary>Builds a <see cref="JObject"/>; a repeated key keeps its first position and takes the last value.</summary>
public sealed class JObjectBuilder
{
    private KeyValuePair<string, JValue>[] _items;
    private int _count;
    private Dictionary<string, int>? _index;

    public JObjectBuilder(int capacity = 4) => _items = new KeyValuePair<string, JValue>[Math.Max(capacity, 1)];

    public int Count => _count;

    public JObjectBuilder Set(string key, JValue value)
    {
        if (_index is not null)
        {
            if (_index.TryGetValue(key, out var at))
            {
                _items[at] = new(key, value);
                return this;
            }

            _index[key] = _count;
        }
        else
        {
            for (var i = 0; i < _count; i++)
            {
                if (string.Equals(_items[i].Key, key, StringComparison.Ordinal))
                {
                    _items[i] = new(key, value);
                    return this;
                }
            }

            if (_count >= 16)
            {
                _index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < _count; i++)
                    _index[_items[i].Key] = i;
                _index[key] = _count;
            }
        }

        if (_count == _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        _items[_count++] = new(key, value);
        return this;
    }

    public bool ContainsKey(string key)
    {
        if (_index is not null)
            return _index.ContainsKey(key);
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i].Key, key, StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    /// <summary>Appends without checking for a repeated key; the caller guarantees uniqueness.</summary>
    public JObjectBuilder AddUnique(string key, JValue value)
    {
        _index?.Add(key, _count);
        if (_count == _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        _items[_count++] = new(key, value);
        return this;
    }

    public JObject Build()
    {
        if (_count == 0)
            return JObject.Empty;
        var props = _count == _items.Length ? _items : _items.AsSpan(0, _count).ToArray();
        _items = [];
        _count = 0;
        _index = null;
        return JObject.Own(props);
    }
}
