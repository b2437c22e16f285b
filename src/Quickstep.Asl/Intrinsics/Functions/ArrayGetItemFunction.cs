using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.ArrayGetItem(array, index)</c>: the item at a zero-based index inside the array.</summary>
internal sealed class ArrayGetItemFunction : IntrinsicCall
{
    private const string FunctionName = "States.ArrayGetItem";

    public ArrayGetItemFunction(string text, IntrinsicArgument[] args)
        : base(FunctionName, text, args, [ArgumentKind.Array, ArgumentKind.Integer])
    {
        if (args[1] is LiteralArgument { Value: JNumber n } && n.Value < 0)
            throw new IntrinsicSyntaxException($"The index of {FunctionName} must not be negative, not {n.ToJsonText()}.");
    }

    public override Evaluated Evaluate(in EvaluationScope scope)
    {
        StatesError? error = null;
        var array = ArrayArg(0, scope, ref error);
        var index = IntArg(1, scope, ref error);
        if (error is not null)
            return error;
        if (index < 0 || index >= array.Count)
            return Failure(IntrinsicErrors.Invalid(Name, $"the index {index} is out of bounds for an array of length {array.Count}"));
        return array[index];
    }
}
