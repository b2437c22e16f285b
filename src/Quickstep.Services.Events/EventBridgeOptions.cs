namespace Quickstep.Services.Events;

/// <summary>Where the local EventBridge lives.</summary>
public sealed class EventBridgeOptions
{
    /// <summary>Region in ARNs and event envelopes; default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account in ARNs and event envelopes; default <c>123456789012</c>.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Clock for event times and bus dates; default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where connections (and their secrets) are kept; default none: in memory only.</summary>
    public Quickstep.Storage.IConnectionStore? ConnectionStore { get; init; }
}
