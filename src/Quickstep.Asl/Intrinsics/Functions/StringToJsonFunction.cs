using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.StringToJson(s)</c>: the parsed JSON; an empty string yields null (conformance: test_string_to_json #0).</summary>
internal sealed class StringToJsonFunction(string text, IntrinsicArgument[] args)
    : TypedIntrinsicCall("States.StringToJson", text, args, [ArgumentKind.String])
{
    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        var s = args.String(0);
        if (string.IsNullOrWhiteSpace(s))
            return JValue.Null;
        try
        {
            return JsonText.Parse(s);
        }
        catch (JsonTextException e)
        {
            return Failure(IntrinsicErrors.Invalid(Name, $"the string is not valid JSON: {e.Message}"));
        }
    }
}
