using Quickstep.Asl.Compilation;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.JsonToString(path)</c>: compact JSON text of the value; the argument must be a path (ASL spec).</summary>
internal sealed class JsonToStringFunction : IntrinsicCall
{
    private const string FunctionName = "States.JsonToString";

    public JsonToStringFunction(string text, IntrinsicArgument[] args)
        : base(FunctionName, text, args)
    {
        CheckCount(FunctionName, args, 1, 1);
        if (args[0] is LiteralArgument literal)
            throw new IntrinsicSyntaxException($"The argument of {FunctionName} must be a path, not the literal {literal.Text}.");
    }

    public override JValue Evaluate(in EvaluationScope scope) => JString.Create(JsonText.Serialize(Arg(0, scope)));
}
