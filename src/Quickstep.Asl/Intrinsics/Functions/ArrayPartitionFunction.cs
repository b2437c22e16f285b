using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.ArrayPartition(array, size)</c>: chunks of <c>size</c> items, the last one possibly shorter.</summary>
internal sealed class ArrayPartitionFunction : TypedIntrinsicCall
{
    private const string FunctionName = "States.ArrayPartition";

    public ArrayPartitionFunction(string text, IntrinsicArgument[] args)
        : base(FunctionName, text, args, [ArgumentKind.Array, ArgumentKind.Integer])
    {
        if (args[1] is LiteralArgument { Value: JNumber n } && n.Value <= 0)
            throw new IntrinsicSyntaxException($"The chunk size of {FunctionName} must be a positive integer, not {n.ToJsonText()}.");
    }

    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        var array = args.Array(0);
        var size = args.Int(1);
        if (size <= 0)
            return Failure(IntrinsicErrors.Invalid(Name, $"the chunk size must be a positive integer, but was {size}"));
        if (array.Count == 0)
            return JArray.Empty;
        var items = array.AsSpan();
        var chunks = new JValue[(items.Length + size - 1) / size];
        for (var c = 0; c < chunks.Length; c++)
        {
            var from = c * size;
            chunks[c] = JArray.Own(items.Slice(from, Math.Min(size, items.Length - from)).ToArray());
        }

        return JArray.Own(chunks);
    }
}
