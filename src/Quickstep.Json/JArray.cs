using System.Collections;

namespace Quickstep.Json;

/// <summary>An immutable JSON array. The item array is owned by this instance and never changed.</summary>
public sealed class JArray : JValue, IReadOnlyList<JValue>
{
    public static readonly JArray Empty = new([]);

    private readonly JValue[] _items;
    private int _size = -1;

    private JArray(JValue[] items) => _items = items;

    public override JKind Kind => JKind.Array;

    public int Count => _items.Length;

    public override int Utf8Size
    {
        get
        {
            if (_size >= 0)
                return _size;
            var size = 2 + Math.Max(0, _items.Length - 1);
            foreach (var item in _items)
                size += item.Utf8Size;
            return _size = size;
        }
    }

    public JValue this[int index] => _items[index];

    public ReadOnlySpan<JValue> AsSpan() => _items;

    /// <summary>Wraps <paramref name="items"/> without copying; the caller must not change it afterwards.</summary>
    public static JArray Own(JValue[] items) => items.Length == 0 ? Empty : new JArray(items);

    public static JArray Create(IEnumerable<JValue> items) => Own([.. items]);

    public static JArray Create(params ReadOnlySpan<JValue> items) => Own(items.ToArray());

    public JArray Add(JValue item)
    {
        var items = new JValue[_items.Length + 1];
        _items.CopyTo(items, 0);
        items[^1] = item;
        return new JArray(items);
    }

    public JArray SetItem(int index, JValue item)
    {
        var items = (JValue[])_items.Clone();
        items[index] = item;
        return new JArray(items);
    }

    public IEnumerator<JValue> GetEnumerator() => ((IEnumerable<JValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override bool Equals(JValue? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is not JArray a || a._items.Length != _items.Length)
            return false;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(a._items[i]))
                return false;
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items)
            hash.Add(item.GetHashCode());
        return hash.ToHashCode();
    }
}
