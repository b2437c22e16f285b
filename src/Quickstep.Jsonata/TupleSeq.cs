using System.Runtime.CompilerServices;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>A tuple stream: what path steps with focus (@), index (#) or parent (%) bindings produce.</summary>
internal sealed class TupleSeq : JValue
{
    public List<TupleBinding> Items { get; } = [];

    public override JKind Kind => JKind.Array;

    public override bool Equals(JValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
}
