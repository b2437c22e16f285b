using System.Diagnostics.CodeAnalysis;

namespace Quickstep.Asl.Parsing;

/// <summary>The Try form of a parser that throws <typeparamref name="TSyntax"/> on bad syntax (paths, intrinsic calls).</summary>
internal static class ParseAttempt
{
    public static bool Run<T, TSyntax>(Func<string, T> parse, string text, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? error)
        where T : class
        where TSyntax : Exception
    {
        try
        {
            value = parse(text);
            error = null;
            return true;
        }
        catch (TSyntax e)
        {
            value = null;
            error = e.Message;
            return false;
        }
    }
}
