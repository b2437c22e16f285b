using System.Runtime.CompilerServices;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics;

/// <summary>
/// A function with a fixed list of parameters (the last <c>optional</c> ones may be left out): its
/// arguments are evaluated in order and checked against their kinds here, once for every function, so
/// <see cref="Apply"/> sees only values of the declared kinds. The first failing argument is the result and
/// the ones after it are not evaluated; a wrong type, or an integer beyond 32 bits (AWS's Java int), is a
/// States.IntrinsicFailure.
/// </summary>
internal abstract class TypedIntrinsicCall : IntrinsicCall
{
    private readonly ArgumentKind[] _kinds;

    protected TypedIntrinsicCall(string name, string text, IntrinsicArgument[] args, ArgumentKind[] parameters, int optional = 0)
        : base(name, text, args, parameters, optional)
    {
        if (parameters.Length > IntrinsicValues.MaxCount)
            throw new ArgumentOutOfRangeException(nameof(parameters), $"A typed intrinsic takes at most {IntrinsicValues.MaxCount} parameters.");
        _kinds = parameters;
    }

    public sealed override Evaluated Evaluate(in EvaluationScope scope)
    {
        var count = Args.Length;
        var first = count > 0 ? Argument(0, scope) : default;
        if (first.Failed)
            return first;
        var second = count > 1 ? Argument(1, scope) : default;
        if (second.Failed)
            return second;
        var third = count > 2 ? Argument(2, scope) : default;
        if (third.Failed)
            return third;
        return Apply(new IntrinsicValues(first.Value, second.Value, third.Value, count), scope);
    }

    /// <summary>Argument <paramref name="index"/>, or the failure it gives (returned by value: no struct on the stack in the common case).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Evaluated Argument(int index, in EvaluationScope scope)
    {
        var r = Args[index].Evaluate(scope);
        return r.Failed || Fits(_kinds[index], r.Value) ? r : Rejected(index, r.Value);
    }

    private static bool Fits(ArgumentKind kind, JValue value) =>
        Accepts(kind, value) && (kind != ArgumentKind.Integer || ((JNumber)value).TryGetInt32(out _));

    /// <summary>The failure for an argument <see cref="Fits"/> refused (apart, so the formatting stays off the path of a call that succeeds).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StatesError Rejected(int index, JValue value) =>
        Accepts(_kinds[index], value)
            ? Failure(IntrinsicErrors.Invalid(Name, $"the {IntrinsicErrors.Ordinal(index)} argument {value} is out of the integer range"))
            : Failure(IntrinsicErrors.WrongType(Name, index, _kinds[index], value));

    /// <summary>The function itself, given its arguments, each of its declared kind.</summary>
    protected abstract Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope);
}
