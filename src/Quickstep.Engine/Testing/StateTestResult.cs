namespace Quickstep.Engine.Testing;

/// <summary>What TestState reports: status, output and next state, or error and cause, and the inspection data.</summary>
public sealed class StateTestResult
{
    public required StateTestStatus Status { get; init; }

    public JValue? Output { get; init; }

    public string? NextState { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    /// <summary>Null at INFO.</summary>
    public StateInspection? Inspection { get; init; }
}
