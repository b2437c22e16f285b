namespace Quickstep.Storage;

/// <summary>A queue's redrive policy for a receive: a message received <see cref="MaxReceiveCount"/> times moves to <see cref="DeadLetterQueue"/>.</summary>
public sealed record MessageRedrive(string DeadLetterQueue, string SourceQueueArn, int MaxReceiveCount);
