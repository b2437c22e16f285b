using Quickstep.Asl.Model;
using Quickstep.Asl.Validation;

namespace Quickstep.Asl.Parsing;

/// <summary>The model (null when the text is not a usable definition) and every diagnostic found.</summary>
public sealed record LoadResult(StateMachineDefinition? Definition, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Definition is not null && Diagnostics.Count == 0;
}
