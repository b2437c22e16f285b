using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.ArrayContains(array, value)</c>: whether an item deep-equals the value.</summary>
internal sealed class ArrayContainsFunction(string text, IntrinsicArgument[] args)
    : TypedIntrinsicCall("States.ArrayContains", text, args, [ArgumentKind.Array, ArgumentKind.Any])
{
    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        var value = args[1];
        foreach (var item in args.Array(0).AsSpan())
        {
            if (item.Equals(value))
                return JValue.True;
        }

        return JValue.False;
    }
}
