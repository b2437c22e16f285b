using Quickstep.Asl.Validation;

namespace Quickstep.Engine;

/// <summary>
/// What <see cref="QuickstepEngine.TryLoad"/> found: the compiled machine when the definition is valid,
/// else null and every diagnostic (validation and compilation alike), each with its JSON pointer.
/// </summary>
public sealed record StateMachineLoadResult(StateMachine? Machine, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Machine is not null;

    /// <summary>The parsed model when the definition parsed (also when it did not compile): callers that read it need no second parse.</summary>
    public StateMachineDefinition? Definition { get; init; }
}
