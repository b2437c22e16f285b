namespace Quickstep.Asl.Validation;

/// <summary>One problem in a definition: a stable code, the JSON pointer of the offending node, and a message.</summary>
public sealed record Diagnostic(string Code, string Pointer, string Message)
{
    public override string ToString() => $"{Pointer}: {Message}";
}
