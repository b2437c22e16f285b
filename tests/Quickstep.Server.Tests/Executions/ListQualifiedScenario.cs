namespace Quickstep.Server.Tests.Executions;

/// <summary>Runs Executions/list-qualified.mjs (the official AWS SDK for JavaScript) once against a live server.</summary>
public sealed class ListQualifiedScenario() : NodeScenario(Path.Combine(Repo.Root, "tests", "Quickstep.Server.Tests", "Executions", "list-qualified.mjs"));
