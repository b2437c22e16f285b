using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics.Functions;

/// <summary>
/// <c>States.StringSplit(s, delimiters)</c>: every character of <c>delimiters</c> separates; empty pieces are
/// dropped, like Java's StringTokenizer (conformance: test_string_split, ",,,," → [] and ", , ," → [" "," "]).
/// </summary>
internal sealed class StringSplitFunction(string text, IntrinsicArgument[] args)
    : TypedIntrinsicCall("States.StringSplit", text, args, [ArgumentKind.String, ArgumentKind.String])
{
    protected override Evaluated Apply(in IntrinsicValues args, in EvaluationScope scope)
    {
        var s = args.String(0);
        var delimiters = args.String(1);
        var parts = new List<JValue>();
        var from = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            if (i < s.Length && delimiters.IndexOf(s[i], StringComparison.Ordinal) < 0)
                continue;
            if (i > from)
                parts.Add(JString.Create(s[from..i]));
            from = i + 1;
        }

        return parts.Count == 0 ? JArray.Empty : JArray.Own([.. parts]);
    }
}
