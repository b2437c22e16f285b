namespace Quickstep.Jsonata;

/// <summary>One JSONata token: its class, its text (operator, name or string value) and where it starts.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, double Number = 0, JsonataRegex? Regex = null);
