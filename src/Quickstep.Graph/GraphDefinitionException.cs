using Quickstep.Asl.Validation;

namespace Quickstep.Graph;

/// <summary>The definition could not be drawn because it is not a valid state machine.</summary>
public sealed class GraphDefinitionException : Exception
{
    public GraphDefinitionException()
        : this([])
    {
    }

    public GraphDefinitionException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    public GraphDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    public GraphDefinitionException(IReadOnlyList<Diagnostic> diagnostics)
        : base("The definition is not valid: " + string.Join("; ", diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem the validator found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
