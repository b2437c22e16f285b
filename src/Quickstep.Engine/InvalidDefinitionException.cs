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

    /// <summary>
    /// The message CreateStateMachine gives: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: … at /States/…'"
    /// (recorded: api/test_create_delete_invalid_sm); several problems are joined with ", ".
    /// </summary>
    public static string Describe(IReadOnlyList<Diagnostic> diagnostics) =>
        "Invalid State Machine Definition: '" + string.Join(", ", diagnostics.Select(d => $"{AwsErrorCodes.Of(d.Code)}: {d.Message} at {(d.Pointer.Length == 0 ? "/" : d.Pointer)}")) + "'";
}
