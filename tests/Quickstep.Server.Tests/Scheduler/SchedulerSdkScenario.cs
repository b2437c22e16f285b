namespace Quickstep.Server.Tests.Scheduler;

/// <summary>Starts a server, runs Scheduler/scheduler-scenario.mjs (the official AWS SDK for JavaScript) against it once, keeps its JSON output.</summary>
public sealed class SchedulerSdkScenario() : NodeScenario(Path.Combine(Repo.Root, "tests", "Quickstep.Server.Tests", "Scheduler", "scheduler-scenario.mjs"));
