using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary>
/// <c>States.MathRandom(start, end[, seed])</c>: a random integer in [start, end]. Non-integer bounds are
/// accepted (conformance: test_math_random #0 passes 12.5 and 44.51) and rounded as MathAdd rounds. With a
/// seed the result depends only on the seed; without one it comes from the injected services.
/// </summary>
internal sealed class MathRandomFunction(string text, IntrinsicArgument[] args)
    : TypedIntrinsicCall("States.MathRandom", text, args, [ArgumentKind.Number, ArgumentKind.Number, ArgumentKind.Number], optional: 1)
{
    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        var start = MathAddFunction.RoundLikeJava(args.Number(0));
        var end = MathAddFunction.RoundLikeJava(args.Number(1));
        if (start > end)
            return Failure(IntrinsicErrors.Invalid(Name, $"the start {start} is greater than the end {end}"));
        double sample;
        if (args.Count == 3)
        {
            var seed = MathAddFunction.RoundLikeJava(args.Number(2));
#pragma warning disable CA5394 // Deterministic per seed is the contract of States.MathRandom; not used for security.
            sample = new Random(unchecked((int)seed ^ (int)(seed >> 32))).NextDouble();
#pragma warning restore CA5394
        }
        else
        {
            sample = scope.Services.NextDouble();
        }

        var span = (double)(end - start) + 1;
        var value = start + (long)Math.Floor(sample * span);
        return JNumber.Create(Math.Min(value, end));
    }
}
