using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.ArrayRange(start, end, step)</c>: integers from start to end inclusive; at most 1000 (AWS limit).</summary>
internal sealed class ArrayRangeFunction : TypedIntrinsicCall
{
    public const int MaxItems = 1000;

    private const string FunctionName = "States.ArrayRange";

    public ArrayRangeFunction(string text, IntrinsicArgument[] args)
        : base(FunctionName, text, args, [ArgumentKind.Integer, ArgumentKind.Integer, ArgumentKind.Integer])
    {
        if (args[2] is LiteralArgument { Value: JNumber n } && n.Value == 0)
            throw new IntrinsicSyntaxException($"The step of {FunctionName} must not be 0.");
    }

    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        long start = args.Int(0);
        long end = args.Int(1);
        long step = args.Int(2);
        if (step == 0)
            return Failure(IntrinsicErrors.Invalid(Name, "the step must not be 0"));
        if (step > 0 ? end < start : end > start)
            return JArray.Empty;
        var count = ((end - start) / step) + 1;
        if (count > MaxItems)
            return Failure(IntrinsicErrors.Invalid(Name, $"the range would have {count} items, more than the limit of {MaxItems}"));
        var items = new JValue[count];
        for (var i = 0; i < items.Length; i++)
            items[i] = JNumber.Create(start + (i * step));
        return JArray.Own(items);
    }
}
