namespace Quickstep.Engine.Testing;

/// <summary>TestState's stateConfiguration: the situation the tested state runs in.</summary>
public sealed class StateTestConfiguration
{
    /// <summary>How many times the matching Retrier has already retried (decides RETRIABLE or exhausted, and the backoff).</summary>
    public int? RetrierRetryCount { get; init; }

    /// <summary>The state inside a Map or Parallel that the mocked error comes from.</summary>
    public string? ErrorCausedByState { get; init; }

    /// <summary>How many Map iterations failed (checked against the tolerated failure count or percentage).</summary>
    public int? MapIterationFailureCount { get; init; }

    /// <summary>The items a Map's ItemReader would have read.</summary>
    public JValue? MapItemReaderData { get; init; }
}
