using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary><c>States.StringToJson(s)</c>: the parsed JSON; an empty string yields null (conformance: test_string_to_json #0).</summary>
internal sealed class StringToJsonFunction(string text, IntrinsicArgument[] args)
    : IntrinsicCall("States.StringToJson", text, args, [ArgumentKind.String])
{
    public override Evaluated Evaluate(in EvaluationScope scope)
    {
        StatesError? error = null;
        var s = StringArg(0, scope, ref error);
        if (error is not null)
            return error;
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
