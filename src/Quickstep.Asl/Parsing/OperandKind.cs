namespace Quickstep.Asl.Parsing;

/// <summary>What a Choice comparison operator takes as its value (asl-features.md §5).</summary>
internal enum OperandKind : byte
{
    String,
    Number,
    Boolean,
    Timestamp,
    Path,
    TypeTest,
}
