namespace Quickstep.Storage;

/// <summary>A message's changing state: when it is visible again, how often it was received, and the queue it is in now.</summary>
public readonly record struct MessageStateRecord(long Seq, string Queue, long VisibleAtMs, int ReceiveCount, long FirstReceiveMs, string? SourceQueueArn);
