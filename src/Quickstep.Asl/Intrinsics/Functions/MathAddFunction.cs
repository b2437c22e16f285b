using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary>
/// <c>States.MathAdd(a, b)</c>: each operand rounded as Java's Math.round (half up: 2.5 → 3, -2.5 → -2), then added
/// (conformance: test_math_add, e.g. -1.5 + -1.51 → -3, -0.5 + 0.5 → 1).
/// </summary>
internal sealed class MathAddFunction(string text, IntrinsicArgument[] args)
    : TypedIntrinsicCall("States.MathAdd", text, args, [ArgumentKind.Number, ArgumentKind.Number])
{
    public static long RoundLikeJava(double value) => (long)Math.Floor(value + 0.5);

    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope) =>
        JNumber.Create(RoundLikeJava(args.Number(0)) + RoundLikeJava(args.Number(1)));
}
