namespace Quickstep.Asl.Validation;

/// <summary>What a syntax check concluded; <see cref="Unavailable"/> means the parser is not implemented yet.</summary>
internal enum SyntaxStatus : byte
{
    Valid,
    Invalid,
    Unavailable,
}
