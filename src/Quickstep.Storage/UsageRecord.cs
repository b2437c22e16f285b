namespace Quickstep.Storage;

/// <summary>Metered usage of one state machine since the store was created (survives retention purges).</summary>
public sealed record UsageRecord(string StateMachineArn, long Executions, long BilledDurationMilliseconds, long BilledMegabyteMilliseconds);
