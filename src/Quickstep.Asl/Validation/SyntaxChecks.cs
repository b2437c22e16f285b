using Quickstep.Asl.Intrinsics;
using Quickstep.Asl.Paths;
using Quickstep.Jsonata;

namespace Quickstep.Asl.Validation;

/// <summary>The one place the loader calls the JSONPath, intrinsic-function and JSONata parsers; false with the parser's message when the text is not valid.</summary>
internal static class SyntaxChecks
{
    public static bool CheckPath(string text, out JsonPath? path, out string? error) => Check(JsonPath.Parse, text, out path, out error);

    public static bool CheckIntrinsic(string text, out IntrinsicExpression? call, out string? error) => Check(IntrinsicFunction.Parse, text, out call, out error);

    /// <summary>Checks the expression between "{%" and "%}".</summary>
    public static bool CheckJsonata(string expression, out JsonataExpression? parsed, out string? error) => Check(JsonataExpression.Parse, expression, out parsed, out error);

    /// <summary>The parser's result, or false with its message (a JSONata message with its error code first).</summary>
    private static bool Check<T>(Func<string, T> parse, string text, out T? parsed, out string? error)
        where T : class
    {
        try
        {
            parsed = parse(text);
            error = null;
            return true;
        }
#pragma warning disable CA1031 // a parser bug must become a diagnostic: the loader never throws on input
        catch (Exception e)
#pragma warning restore CA1031
        {
            parsed = null;
            error = e is JsonataException j ? j.Code + ": " + j.Message : e.Message;
            return false;
        }
    }
}
