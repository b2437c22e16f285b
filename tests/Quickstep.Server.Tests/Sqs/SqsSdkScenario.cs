namespace Quickstep.Server.Tests.Sqs;

/// <summary>Starts a server, runs Sqs/sqs-scenario.mjs (the official AWS SDK for JavaScript) against it once, keeps its JSON output.</summary>
public sealed class SqsSdkScenario() : NodeScenario(Path.Combine(Repo.Root, "tests", "Quickstep.Server.Tests", "Sqs", "sqs-scenario.mjs"));
