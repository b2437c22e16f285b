using Quickstep.Asl.Validation;

namespace Quickstep.Engine;

/// <summary>A definition that failed validation; <see cref="Diagnostics"/> lists every problem.</summary>
public sealed class InvalidDefinitionException : Exception
{
    public InvalidDefinitionException()
        : this([])
    {
    }

    public InvalidDefinitionException(string message)
        : base(message) => Diagnostics = [];

    public InvalidDefinitionException(string message, Exception inner)
        : base(message, inner) => Diagnostics = [];

    public InvalidDefinitionException(IReadOnlyList<Diagnostic> diagnostics)
        : base(Describe(diagnostics)) => Diagnostics = diagnostics;

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.Count == 0 ? "Invalid State Machine Definition" : string.Join("; ", diagnostics.Select(d => $"{d.Code}: {d.Message} at {(d.Pointer.Length == 0 ? "/" : d.Pointer)}"));
}
