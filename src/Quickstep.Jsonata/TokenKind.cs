namespace Quickstep.Jsonata;

/// <summary>The lexical class of a JSONata token.</summary>
internal enum TokenKind : byte
{
    End,
    Operator,
    Name,
    Variable,
    String,
    Number,
    Value,
    Regex,
}
