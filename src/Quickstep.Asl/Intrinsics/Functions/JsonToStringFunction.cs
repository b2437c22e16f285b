using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.JsonToString(path)</c>: compact JSON text of the value; the argument must be a path (ASL spec).</summary>
internal sealed class JsonToStringFunction : TypedIntrinsicCall
{
    private const string FunctionName = "States.JsonToString";

    public JsonToStringFunction(string text, IntrinsicArgument[] args)
        : base(FunctionName, text, args, [ArgumentKind.Any])
    {
        if (args[0] is LiteralArgument literal)
            throw new IntrinsicSyntaxException($"The argument of {FunctionName} must be a path, not the literal {literal.Text}.");
    }

    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope) => JString.Create(JsonText.Serialize(args[0]));
}
