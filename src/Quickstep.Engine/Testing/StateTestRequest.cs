namespace Quickstep.Engine.Testing;

/// <summary>One TestState call: a state (or, with <see cref="StateName"/>, one state of a whole machine) and what it runs with.</summary>
public sealed class StateTestRequest
{
    /// <summary>The definition text: one state, or a state machine when <see cref="StateName"/> picks a state of it.</summary>
    public required string Definition { get; init; }

    public string? StateName { get; init; }

    public JValue Input { get; init; } = JObject.Empty;

    /// <summary>The context object ($$) as given; null: the one an execution would have.</summary>
    public JObject? Context { get; init; }

    /// <summary>Workflow variables in scope when the state runs.</summary>
    public JObject? Variables { get; init; }

    public InspectionLevel InspectionLevel { get; init; } = InspectionLevel.Info;

    public bool RevealSecrets { get; init; }

    public StateTestMock? Mock { get; init; }

    public StateTestConfiguration? Configuration { get; init; }

    public string? RoleArn { get; init; }
}
