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
        JValue? first = null, second = null, third = null;
        if ((count > 0 && !TryArgument(0, scope, out first, out var failure))
            || (count > 1 && !TryArgument(1, scope, out second, out failure))
            || (count > 2 && !TryArgument(2, scope, out third, out failure)))
            return failure;
        return Apply(new IntrinsicValues(first, second, third, count), scope);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryArgument(int index, in EvaluationScope scope, out JValue? value, out Evaluated failure)
    {
        var r = Args[index].Evaluate(scope);
        value = r.Value;
        if (r.Failed)
        {
            failure = r;
            return false;
        }

        if (!Fits(_kinds[index], r.Value))
        {
            failure = Rejected(index, r.Value);
            return false;
        }

        failure = default;
        return true;
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
