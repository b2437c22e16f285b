namespace Quickstep.Server.Tests.Events;

/// <summary>sdk/events.mjs against a fresh server.</summary>
public sealed class EventBridgeScenario() : NodeScenario("events.mjs");
