namespace Quickstep.Storage;

/// <summary>Recent executions of one state machine (see <see cref="IExecutionStatistics.CountExecutionsAsync"/>).</summary>
public sealed record ExecutionCounts(string StateMachineArn, long LastHour, long LastDay, long FailedLastDay);
