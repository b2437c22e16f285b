namespace Quickstep.Server.Tests;

/// <summary>Starts a server, runs sdk/scenario.mjs (the official AWS SDK for JavaScript) against it once, keeps its JSON output.</summary>
public sealed class SdkScenario() : NodeScenario("scenario.mjs");
