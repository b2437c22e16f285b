using Quickstep.Json;

namespace Quickstep.Integrations.Testing;

/// <summary>What a test expects; every member is optional and only the given ones are checked.</summary>
public sealed class WorkflowExpectation
{
    /// <summary>SUCCEEDED, FAILED, TIMED_OUT or ABORTED.</summary>
    public string? Status { get; init; }

    /// <summary>The whole output, compared as JSON.</summary>
    public JValue? Output { get; init; }

    /// <summary>JSONPath into the output → the value it must select.</summary>
    public IReadOnlyList<KeyValuePair<string, JValue>> OutputPaths { get; init; } = [];

    public string? Error { get; init; }

    public string? Cause { get; init; }

    /// <summary>The states entered, in order (every state, nested ones included).</summary>
    public IReadOnlyList<string>? States { get; init; }

    /// <summary>State name → how many times its Task was retried.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Retries { get; init; } = [];
}
