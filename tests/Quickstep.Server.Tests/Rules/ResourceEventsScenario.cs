namespace Quickstep.Server.Tests.Rules;

/// <summary>sdk/resource-events.mjs against a fresh server.</summary>
public sealed class ResourceEventsScenario() : NodeScenario("resource-events.mjs");
