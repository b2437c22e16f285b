using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.ArrayLength(array)</c>.</summary>
internal sealed class ArrayLengthFunction(string text, IntrinsicArgument[] args)
    : TypedIntrinsicCall("States.ArrayLength", text, args, [ArgumentKind.Array])
{
    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope) => JNumber.Create(args.Array(0).Count);
}
