namespace Quickstep.Server.Tests.Rules;

/// <summary>sdk/rules.mjs against a fresh server.</summary>
public sealed class RulesScenario() : NodeScenario("rules.mjs");
