namespace Quickstep.Server.Tests;

/// <summary>Runs sdk/fineprint.mjs (the official AWS SDK for JavaScript) once against a live server.</summary>
public sealed class FinePrintScenario() : NodeScenario("fineprint.mjs");
