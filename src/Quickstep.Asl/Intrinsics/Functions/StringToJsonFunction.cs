using Quickstep.Asl.Compilation;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.StringToJson(s)</c>: the parsed JSON; an empty string yields null (conformance: test_string_to_json #0).</summary>
internal sealed class StringToJsonFunction : IntrinsicCall
{
    private const string FunctionName = "States.StringToJson";

    public StringToJsonFunction(string text, IntrinsicArgument[] args)
        : base(FunctionName, text, args)
    {
        CheckCount(FunctionName, args, 1, 1);
        CheckLiteral(FunctionName, args, 0, ArgumentKind.String);
    }

    public override JValue Evaluate(in EvaluationScope scope)
    {
        var s = StringArg(0, scope);
        if (string.IsNullOrWhiteSpace(s))
            return JValue.Null;
        try
        {
            return JsonText.Parse(s);
        }
        catch (JsonTextException e)
        {
            throw Failure(IntrinsicErrors.Invalid(Name, $"the string is not valid JSON: {e.Message}"));
        }
    }
}
