namespace Quickstep.Asl.Intrinsics;

/// <summary>What a parameter accepts; checked for literals at parse time and for every value at run time.</summary>
internal enum ArgumentKind : byte
{
    Any,
    String,
    Number,
    Integer,
    Boolean,
    Array,
    Object,
}
