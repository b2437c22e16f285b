using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.ArrayUnique(array)</c>: the first occurrence of each distinct (deep-equal) item, in order.</summary>
internal sealed class ArrayUniqueFunction(string text, IntrinsicArgument[] args)
    : TypedIntrinsicCall("States.ArrayUnique", text, args, [ArgumentKind.Array])
{
    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        var array = args.Array(0);
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
