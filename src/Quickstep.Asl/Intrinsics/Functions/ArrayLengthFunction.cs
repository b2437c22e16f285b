using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.ArrayLength(array)</c>.</summary>
internal sealed class ArrayLengthFunction(string text, IntrinsicArgument[] args)
    : IntrinsicCall("States.ArrayLength", text, args, [ArgumentKind.Array])
{
    public override Evaluated Evaluate(in EvaluationScope scope)
    {
        StatesError? error = null;
        var array = ArrayArg(0, scope, ref error);
        return error is null ? JNumber.Create(array.Count) : error;
    }
}
