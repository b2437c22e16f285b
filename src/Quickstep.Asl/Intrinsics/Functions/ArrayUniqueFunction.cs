using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.ArrayUnique(array)</c>: the first occurrence of each distinct (deep-equal) item, in order.</summary>
internal sealed class ArrayUniqueFunction(string text, IntrinsicArgument[] args)
    : IntrinsicCall("States.ArrayUnique", text, args, [ArgumentKind.Array])
{
    public override Evaluated Evaluate(in EvaluationScope scope)
    {
        StatesError? error = null;
        var array = ArrayArg(0, scope, ref error);
        if (error is not null)
            return error;
        var seen = new HashSet<JValue>();
        var items = new List<JValue>(array.Count);
        foreach (var item in array.AsSpan())
        {
            if (seen.Add(item))
                items.Add(item);
        }

        return items.Count == array.Count ? array : JArray.Own([.. items]);
    }
}
