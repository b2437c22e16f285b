namespace Quickstep.Jsonata;

/// <summary>Binary operators, resolved from their text once at parse time.</summary>
internal enum BinaryOp : byte
{
    None,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Concat,
    And,
    Or,
    In,
    Range,
}
