using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>A variable scope: a few bindings and the enclosing frame. The root frame resolves from outside.</summary>
internal sealed class Frame
{
    private readonly Frame? _parent;
    private readonly IRootResolver? _root;
    private string[] _names;
    private JValue?[] _values;
    private int _count;

    public Frame(Frame parent)
    {
        _parent = parent;
        _names = [];
        _values = [];
    }

    public Frame(IRootResolver root)
    {
        _root = root;
        _names = [];
        _values = [];
    }

    /// <summary>True when a frame (not the root resolver) binds <paramref name="name"/>.</summary>
    public bool IsBound(string name)
    {
        for (var f = this; f is not null; f = f._parent)
        {
            for (var i = 0; i < f._count; i++)
            {
                if (string.Equals(f._names[i], name, StringComparison.Ordinal))
                    return true;
            }
        }

        return false;
    }

    public void Bind(string name, JValue? value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                _values[i] = value;
                return;
            }
        }

        if (_count == _names.Length)
        {
            var n = Math.Max(4, _count * 2);
            Array.Resize(ref _names, n);
            Array.Resize(ref _values, n);
        }

        _names[_count] = name;
        _values[_count++] = value;
    }

    public JValue? Lookup(string name)
    {
        for (var f = this; f is not null; f = f._parent)
        {
            var names = f._names;
            for (var i = 0; i < f._count; i++)
            {
                if (string.Equals(names[i], name, StringComparison.Ordinal))
                    return f._values[i];
            }

            if (f._root is not null)
                return f._root.Resolve(name);
        }

        return null;
    }
}
