namespace Quickstep.Server.Tests.Pipes;

/// <summary>Starts a server, runs Pipes/pipes-scenario.mjs (the official AWS SDK for JavaScript) against it once, keeps its JSON output.</summary>
public sealed class PipesSdkScenario() : NodeScenario(Path.Combine(Repo.Root, "tests", "Quickstep.Server.Tests", "Pipes", "pipes-scenario.mjs"));
