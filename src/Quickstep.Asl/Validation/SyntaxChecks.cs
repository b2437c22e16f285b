using Quickstep.Asl.Intrinsics;
using Quickstep.Asl.Paths;
using Quickstep.Jsonata;

namespace Quickstep.Asl.Validation;

/// <summary>The one place the loader calls the JSONPath, intrinsic-function and JSONata parsers; false with the parser's message when the text is not valid.</summary>
internal static class SyntaxChecks
{
    public static bool CheckPath(string text, out JsonPath? path, out string? error)
    {
        path = null;
        try
        {
            return JsonPath.TryParse(text, out path, out error);
        }
#pragma warning disable CA1031 // a parser bug must become a diagnostic: the loader never throws on input
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e.Message;
            return false;
        }
    }

    public static bool CheckIntrinsic(string text, out IntrinsicExpression? call, out string? error)
    {
        call = null;
        try
        {
            return IntrinsicFunction.TryParse(text, out call, out error);
        }
#pragma warning disable CA1031 // a parser bug must become a diagnostic: the loader never throws on input
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Checks the expression between "{%" and "%}".</summary>
    public static bool CheckJsonata(string expression, out JsonataExpression? parsed, out string? error)
    {
        parsed = null;
        error = null;
        try
        {
            parsed = JsonataExpression.Parse(expression);
            return true;
        }
        catch (JsonataException e)
        {
            error = e.Code + ": " + e.Message;
            return false;
        }
#pragma warning disable CA1031 // a parser bug must become a diagnostic: the loader never throws on input
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e.Message;
            return false;
        }
    }
}
