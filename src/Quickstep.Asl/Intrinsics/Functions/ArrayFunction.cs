using Quickstep.Asl.Compilation;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.Array(v1, …)</c>: the values as an array, in order.</summary>
internal sealed class ArrayFunction(string text, IntrinsicArgument[] args) : IntrinsicCall("States.Array", text, args)
{
    public override JValue Evaluate(in EvaluationScope scope)
    {
        if (Args.Length == 0)
            return JArray.Empty;
        var items = new JValue[Args.Length];
        for (var i = 0; i < items.Length; i++)
            items[i] = Arg(i, scope);
        return JArray.Own(items);
    }
}
