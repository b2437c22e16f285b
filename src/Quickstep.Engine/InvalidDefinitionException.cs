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
        "Invalid State Machine Definition: '" + string.Join(", ", diagnostics.Select(d => $"{AwsCode(d.Code)}: {d.Message} at {(d.Pointer.Length == 0 ? "/" : d.Pointer)}")) + "'";

    /// <summary>AWS reports most problems as SCHEMA_VALIDATION_FAILED; a few have codes of their own.</summary>
    public static string AwsCode(string code) => code switch
    {
        "INVALID_JSON_DESCRIPTION" => code,
        "NO_SUCH_STATE" => "MISSING_TRANSITION_TARGET",
        "DUPLICATE_STATE_NAME" => code,
        _ => "SCHEMA_VALIDATION_FAILED",
    };
}
