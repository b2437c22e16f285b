using System.Runtime.CompilerServices;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>
/// A function value (lambda, library function, partial application, regex, chain, transform). Not JSON:
/// it reports <see cref="JKind.Null"/> and serializes as null; the evaluator tests for it by type.
/// </summary>
internal abstract class JsonataFunction : JValue
{
    public override JKind Kind => JKind.Null;

    public virtual Signature? Signature => null;

    /// <summary>How many arguments the higher-order functions pass (value, index, array).</summary>
    public abstract int Arity { get; }

    public override bool Equals(JValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
}
