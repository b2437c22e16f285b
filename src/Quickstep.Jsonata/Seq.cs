using System.Collections;
using System.Runtime.CompilerServices;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>
/// A JSONata sequence or an array built during evaluation (JavaScript arrays with flags in the reference
/// implementation). Never stored inside a <see cref="JArray"/> or <see cref="JObject"/>: values are
/// converted with <see cref="Evaluator.ToStored"/> when they leave the evaluator or enter a container.
/// </summary>
internal sealed class Seq : JValue, IReadOnlyList<JValue>
{
    public Seq(bool isSequence = true, int capacity = 4)
    {
        IsSequence = isSequence;
        Items = new List<JValue?>(capacity);
    }

    public List<JValue?> Items { get; }

    /// <summary>A result sequence (unwrapped when it has one item) rather than an array value.</summary>
    public bool IsSequence { get; set; }

    public bool KeepSingleton { get; set; }

    /// <summary>The top-level input array, wrapped so that '$' paths see it whole.</summary>
    public bool OuterWrapper { get; set; }

    /// <summary>Built by an array constructor as a path step: not flattened into the path's result.</summary>
    public bool Cons { get; set; }

    public override JKind Kind => JKind.Array;

    public int Count => Items.Count;

    public JValue this[int index] => Items[index]!;

    public static Seq Of(JValue? item)
    {
        var s = new Seq(true, 1);
        s.Items.Add(item);
        return s;
    }

    /// <summary>A plain (non-sequence) array of one value.</summary>
    public static Seq Array(JValue? item)
    {
        var s = new Seq(false, 1);
        if (item is not null)
            s.Items.Add(item);
        return s;
    }

    public void Add(JValue? item) => Items.Add(item);

    public IEnumerator<JValue> GetEnumerator()
    {
        foreach (var item in Items)
            yield return item!;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(JValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
}
