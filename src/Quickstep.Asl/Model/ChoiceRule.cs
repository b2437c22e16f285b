using Quickstep.Json;

namespace Quickstep.Asl.Model;

/// <summary>
/// A Choice rule. JSONPath rules are a comparison (<see cref="Variable"/> + <see cref="Operator"/>
/// + <see cref="Operand"/>) or a combination (And/Or/Not); JSONata rules have a <see cref="Condition"/>.
/// Only top-level rules carry <see cref="Next"/>.
/// </summary>
public sealed class ChoiceRule
{
    public required string Pointer { get; init; }

    public string? Next { get; init; }

    public string? Comment { get; init; }

    public string? Variable { get; init; }

    /// <summary>The comparison operator's name as written (e.g. "StringEquals", "NumericLessThanPath", "IsPresent").</summary>
    public string? Operator { get; init; }

    /// <summary>The operator's value (a literal, a path string for "…Path" operators, a boolean for "Is…").</summary>
    public JValue? Operand { get; init; }

    public IReadOnlyList<ChoiceRule>? And { get; init; }

    public IReadOnlyList<ChoiceRule>? Or { get; init; }

    public ChoiceRule? Not { get; init; }

    /// <summary>JSONata condition: true/false or a "{% %}" string.</summary>
    public JValue? Condition { get; init; }

    public JValue? Assign { get; init; }

    public JValue? Output { get; init; }
}
