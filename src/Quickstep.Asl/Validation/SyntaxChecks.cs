using Quickstep.Asl.Intrinsics;
using Quickstep.Asl.Paths;
using Quickstep.Jsonata;

namespace Quickstep.Asl.Validation;

/// <summary>
/// The one place validation calls the JSONPath, intrinsic-function and JSONata parsers. While a parser
/// is still a stub (throws <see cref="NotImplementedException"/>) the syntax counts as valid
/// (<see cref="SyntaxStatus.Unavailable"/>), so validation keeps working during development.
/// </summary>
internal static class SyntaxChecks
{
    private static readonly Lazy<bool> PathProbe = new(() => CheckPath("$.a", out _, out _) != SyntaxStatus.Unavailable);
    private static readonly Lazy<bool> IntrinsicProbe = new(() => CheckIntrinsic("States.UUID()", out _) != SyntaxStatus.Unavailable);
    private static readonly Lazy<bool> JsonataProbe = new(() => CheckJsonata("1", out _) != SyntaxStatus.Unavailable);

    /// <summary>True once <see cref="JsonPath"/> parsing is implemented.</summary>
    public static bool PathParserAvailable => PathProbe.Value;

    /// <summary>True once <see cref="IntrinsicFunction"/> parsing is implemented.</summary>
    public static bool IntrinsicParserAvailable => IntrinsicProbe.Value;

    /// <summary>True once <see cref="JsonataExpression"/> parsing is implemented.</summary>
    public static bool JsonataParserAvailable => JsonataProbe.Value;

    public static SyntaxStatus CheckPath(string text, out JsonPath? path, out string? error)
    {
        path = null;
        error = null;
        try
        {
            if (JsonPath.TryParse(text, out path, out error))
                return SyntaxStatus.Valid;
            return SyntaxStatus.Invalid;
        }
        catch (NotImplementedException)
        {
            return SyntaxStatus.Unavailable;
        }
#pragma warning disable CA1031 // a parser bug must become a diagnostic: the loader never throws on input
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e.Message;
            return SyntaxStatus.Invalid;
        }
    }

    public static SyntaxStatus CheckIntrinsic(string text, out string? error)
    {
        error = null;
        try
        {
            return IntrinsicFunction.TryParse(text, out _, out error) ? SyntaxStatus.Valid : SyntaxStatus.Invalid;
        }
        catch (NotImplementedException)
        {
            return SyntaxStatus.Unavailable;
        }
#pragma warning disable CA1031 // a parser bug must become a diagnostic: the loader never throws on input
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e.Message;
            return SyntaxStatus.Invalid;
        }
    }

    /// <summary>Checks the expression between "{%" and "%}".</summary>
    public static SyntaxStatus CheckJsonata(string expression, out string? error)
    {
        error = null;
        try
        {
            _ = JsonataExpression.Parse(expression);
            return SyntaxStatus.Valid;
        }
        catch (NotImplementedException)
        {
            return SyntaxStatus.Unavailable;
        }
        catch (JsonataException e)
        {
            error = e.Code + ": " + e.Message;
            return SyntaxStatus.Invalid;
        }
#pragma warning disable CA1031 // a parser bug must become a diagnostic: the loader never throws on input
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e.Message;
            return SyntaxStatus.Invalid;
        }
    }
}
