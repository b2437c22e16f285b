using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Comparison;

/// <summary>
/// What an engine produced for one case, in compare.py's result shape:
/// <c>{"status", "output", "error", "cause", "history"}</c>.
/// </summary>
/// <param name="Status">SUCCEEDED, FAILED, TIMED_OUT, ABORTED, INVALID_DEFINITION, or ERROR (the harness could not get a result).</param>
/// <param name="History">The GetExecutionHistory events, or null when none were recorded.</param>
internal sealed record EngineResult(string Status, JValue? Output, string? Error, string? Cause, IReadOnlyList<JValue>? History = null)
{
    public const string HarnessErrorStatus = "ERROR";

    /// <summary>The harness got no result (the engine threw, hung, or a stub is not implemented).</summary>
    public static EngineResult HarnessError(string message) => new(HarnessErrorStatus, null, null, message);
}
