using Quickstep.Json;

namespace Quickstep.Asl.Model;

/// <summary>
/// The fields every state type shares, read in one place by the loader (a field the state's type does not
/// allow stays null). Path-valued fields are kept as the raw JSON value so that "absent" (C# null), an
/// explicit JSON null (<see cref="JValue.Null"/>) and a path string stay distinct, as ASL requires; their
/// parsed paths are in the definition's <see cref="ExpressionTable"/>.
/// </summary>
public sealed class CommonFields
{
    public required string Name { get; init; }

    /// <summary>JSON pointer of the state object, e.g. "/States/Hello".</summary>
    public required string Pointer { get; init; }

    public string? Comment { get; init; }

    /// <summary>The effective query language of this state (its own, else the machine's).</summary>
    public QueryLanguage QueryLanguage { get; init; }

    public string? Next { get; init; }

    public bool End { get; init; }

    /// <summary>JSONPath InputPath: absent, JSON null, or a path string.</summary>
    public JValue? InputPath { get; init; }

    /// <summary>JSONPath OutputPath: absent, JSON null, or a path string.</summary>
    public JValue? OutputPath { get; init; }

    /// <summary>Assign: an object of variable names to values/templates/expressions.</summary>
    public JValue? Assign { get; init; }

    /// <summary>JSONata Output: any JSON, strings may be "{% expression %}".</summary>
    public JValue? Output { get; init; }
}
