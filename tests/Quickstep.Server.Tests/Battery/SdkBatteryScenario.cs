namespace Quickstep.Server.Tests.Battery;

/// <summary>Starts a server, runs Battery/sdk-battery.mjs (the official AWS SDK for JavaScript) against it once, keeps its JSON output.</summary>
public sealed class SdkBatteryScenario() : NodeScenario(Path.Combine(Repo.Root, "tests", "Quickstep.Server.Tests", "Battery", "sdk-battery.mjs"));
