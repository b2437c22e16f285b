using Quickstep.Json;

namespace Quickstep.Integrations.Testing;

/// <summary>One test: an input, the mocks that answer its Tasks, and what must come out.</summary>
public sealed class WorkflowTestCase
{
    public required string Name { get; init; }

    /// <summary>The mock config's test case, or null.</summary>
    public string? TestCase { get; init; }

    /// <summary>Inline mocks: state name → a MockedResponse (<c>{"0": {"Return": …}, "1-2": {"Throw": …}}</c>), or null.</summary>
    public JObject? Mocks { get; init; }

    public required JValue Input { get; init; }

    public required WorkflowExpectation Expect { get; init; }
}
