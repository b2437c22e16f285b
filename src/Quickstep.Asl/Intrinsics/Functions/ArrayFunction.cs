using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.Array(v1, …)</c>: the values as an array, in order.</summary>
internal sealed class ArrayFunction(string text, IntrinsicArgument[] args) : IntrinsicCall("States.Array", text, args)
{
    public override Evaluated Evaluate(in EvaluationScope scope)
    {
        if (Args.Length == 0)
            return JArray.Empty;
        var items = new JValue[Args.Length];
        StatesError? error = null;
        for (var i = 0; i < items.Length; i++)
            items[i] = Arg(i, scope, ref error);
        return error is null ? JArray.Own(items) : error;
    }
}
