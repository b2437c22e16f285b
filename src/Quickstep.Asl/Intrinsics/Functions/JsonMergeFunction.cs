using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary>
/// <c>States.JsonMerge(a, b, false)</c>: shallow merge, <c>b</c>'s properties win. AWS supports only the
/// shallow mode ("you must specify the boolean value as false", AWS developer guide).
/// </summary>
internal sealed class JsonMergeFunction : TypedIntrinsicCall
{
    private const string FunctionName = "States.JsonMerge";

    public JsonMergeFunction(string text, IntrinsicArgument[] args)
        : base(FunctionName, text, args, [ArgumentKind.Object, ArgumentKind.Object, ArgumentKind.Boolean])
    {
        if (args[2] is LiteralArgument { Value: JBool { Value: true } })
            throw new IntrinsicSyntaxException($"{FunctionName} supports only the shallow merging mode: its 3rd argument must be false.");
    }

    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        var left = args.Object(0);
        var right = args.Object(1);
        if (args.Bool(2))
            return Failure(IntrinsicErrors.Invalid(Name, "only the shallow merging mode is supported: the 3rd argument must be false"));
        if (right.Count == 0)
            return left;
        if (left.Count == 0)
            return right;
        var builder = new JObjectBuilder(left.Count + right.Count);
        foreach (var p in left.AsSpan())
            builder.AddUnique(p.Key, p.Value);
        foreach (var p in right.AsSpan())
            builder.Set(p.Key, p.Value);
        return builder.Build();
    }
}
