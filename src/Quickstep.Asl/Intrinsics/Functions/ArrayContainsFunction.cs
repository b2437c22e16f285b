using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.ArrayContains(array, value)</c>: whether an item deep-equals the value.</summary>
internal sealed class ArrayContainsFunction(string text, IntrinsicArgument[] args)
    : IntrinsicCall("States.ArrayContains", text, args, [ArgumentKind.Array, ArgumentKind.Any])
{
    public override Evaluated Evaluate(in EvaluationScope scope)
    {
        StatesError? error = null;
        var array = ArrayArg(0, scope, ref error);
        var value = Arg(1, scope, ref error);
        if (error is not null)
            return error;
        foreach (var item in array.AsSpan())
        {
            if (item.Equals(value))
                return JValue.True;
        }

        return JValue.False;
    }
}
