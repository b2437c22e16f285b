using Quickstep.Engine;

namespace Quickstep.Storage;

/// <summary>What a list of executions shows (no input or output).</summary>
public sealed record ExecutionSummary(string Arn, string StateMachineArn, string Name, ExecutionStatus Status, DateTimeOffset StartDate, DateTimeOffset? StopDate);
