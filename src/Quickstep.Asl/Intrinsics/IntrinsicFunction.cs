using System.Diagnostics.CodeAnalysis;
using Quickstep.Asl.Parsing;

namespace Quickstep.Asl.Intrinsics;

/// <summary>Parses intrinsic function calls once, at plan compile time.</summary>
internal static class IntrinsicFunction
{
    /// <summary>True when <paramref name="text"/> looks like an intrinsic call (starts with "States.").</summary>
    public static bool IsIntrinsic(string text) => text.StartsWith("States.", StringComparison.Ordinal);

    /// <summary>Parses a call; throws <see cref="IntrinsicSyntaxException"/> on bad syntax, unknown functions or bad argument counts/literal types.</summary>
    public static IntrinsicExpression Parse(string text) => IntrinsicParser.Parse(text);

    public static bool TryParse(string text, [NotNullWhen(true)] out IntrinsicExpression? expression, [NotNullWhen(false)] out string? error) =>
        ParseAttempt.Run<IntrinsicExpression, IntrinsicSyntaxException>(Parse, text, out expression, out error);
}
