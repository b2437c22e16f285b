using Quickstep.Asl.Validation;

namespace Quickstep.Engine;

/// <summary>
/// What <see cref="QuickstepEngine.TryLoad"/> found: the compiled machine when the definition is valid,
/// else null and every diagnostic (validation and compilation alike), each with its JSON pointer.
/// </summary>
public sealed record StateMachineLoadResult(StateMachine? Machine, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Machine is not null;
}
