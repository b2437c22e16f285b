using Quickstep.Asl.Validation;

namespace Quickstep.Graph;

/// <summary>The graph of a valid definition, or the diagnostics of an invalid one.</summary>
public sealed record GraphLoadResult(WorkflowGraph? Graph, IReadOnlyList<Diagnostic> Diagnostics);
