namespace Quickstep.Storage;

/// <summary>Usage of one state machine by the executions started in one time bucket.</summary>
public sealed record UsageBucket(string StateMachineArn, DateTimeOffset Start, long Executions, long BilledDurationMilliseconds, long BilledMegabyteMilliseconds);
