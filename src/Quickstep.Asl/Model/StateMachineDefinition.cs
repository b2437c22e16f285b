namespace Quickstep.Asl.Model;

/// <summary>
/// A parsed state machine, or a nested one (a Parallel branch, a Map's ItemProcessor).
/// <see cref="Pointer"/> is the JSON pointer of this object in the definition ("" for the root).
/// </summary>
public sealed class StateMachineDefinition
{
    public required string StartAt { get; init; }

    /// <summary>The states in definition order.</summary>
    public required IReadOnlyList<State> States { get; init; }

    public string? Comment { get; init; }

    public string? Version { get; init; }

    /// <summary>Machine-level TimeoutSeconds (root only).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>The machine's query language (root's value; nested machines inherit the root's).</summary>
    public QueryLanguage QueryLanguage { get; init; }

    /// <summary>Map ItemProcessor.ProcessorConfig, when this is a Map processor.</summary>
    public ProcessorConfig? ProcessorConfig { get; init; }

    public string Pointer { get; init; } = "";

    /// <summary>The parsed paths, intrinsic calls and JSONata expressions of the whole definition (shared by nested machines).</summary>
    internal ExpressionTable Expressions { get; init; } = new();

    public State? FindState(string name)
    {
        foreach (var s in States)
        {
            if (string.Equals(s.Name, name, StringComparison.Ordinal))
                return s;
        }

        return null;
    }
}
