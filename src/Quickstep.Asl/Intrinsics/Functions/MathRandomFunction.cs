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
    : IntrinsicCall("States.MathRandom", text, args, [ArgumentKind.Number, ArgumentKind.Number, ArgumentKind.Number], optional: 1)
{
    public override Evaluated Evaluate(in EvaluationScope scope)
    {
        StatesError? error = null;
        var start = MathAddFunction.RoundLikeJava(NumberArg(0, scope, ref error));
        var end = MathAddFunction.RoundLikeJava(NumberArg(1, scope, ref error));
        if (error is not null)
            return error;
        if (start > end)
            return Failure(IntrinsicErrors.Invalid(Name, $"the start {start} is greater than the end {end}"));
        double sample;
        if (Args.Length == 3)
        {
            var seed = MathAddFunction.RoundLikeJava(NumberArg(2, scope, ref error));
            if (error is not null)
                return error;
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
