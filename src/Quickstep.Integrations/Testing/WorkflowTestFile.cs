namespace Quickstep.Integrations.Testing;

/// <summary>One test file: a definition, optionally a mock config, and its tests.</summary>
public sealed class WorkflowTestFile
{
    /// <summary>The test file's path, as given.</summary>
    public required string Path { get; init; }

    /// <summary>The ASL definition's path (relative paths in the file are relative to the file).</summary>
    public required string DefinitionPath { get; init; }

    /// <summary>The state machine's name (mock configs are keyed by it). Default: the definition's file name without extensions.</summary>
    public required string StateMachineName { get; init; }

    /// <summary>A Step Functions Local MockConfigFile, or null.</summary>
    public string? MockConfigPath { get; init; }

    public required IReadOnlyList<WorkflowTestCase> Tests { get; init; }
}
