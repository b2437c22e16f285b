namespace Quickstep.Server.Hosting;

/// <summary>What an execution runs: a machine's (or version's) definition and logging configuration at a revision.</summary>
internal sealed record MachineSnapshot(string StateMachineArn, string Name, string Definition, string RoleArn, string LoggingConfiguration, string? VersionArn, string CacheKey);
