using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>One item of a tuple stream: the context value '@' and the variables bound along the path.</summary>
internal sealed class TupleBinding
{
    public TupleBinding(JValue? at) => At = at;

    public JValue? At { get; set; }

    public List<KeyValuePair<string, JValue?>> Bindings { get; } = new(2);

    public TupleBinding Clone()
    {
        var t = new TupleBinding(At);
        t.Bindings.AddRange(Bindings);
        return t;
    }

    public void Set(string name, JValue? value)
    {
        for (var i = 0; i < Bindings.Count; i++)
        {
            if (string.Equals(Bindings[i].Key, name, StringComparison.Ordinal))
            {
                Bindings[i] = new(name, value);
                return;
            }
        }

        Bindings.Add(new(name, value));
    }

    public JValue? Get(string name)
    {
        foreach (var b in Bindings)
        {
            if (string.Equals(b.Key, name, StringComparison.Ordinal))
                return b.Value;
        }

        return null;
    }

    public void MergeFrom(TupleBinding other)
    {
        At = other.At;
        foreach (var b in other.Bindings)
            Set(b.Key, b.Value);
    }
}
