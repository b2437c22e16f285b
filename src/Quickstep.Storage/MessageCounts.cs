namespace Quickstep.Storage;

/// <summary>A queue's message counts at one moment (GetQueueAttributes' approximate numbers).</summary>
public readonly record struct MessageCounts(long Visible, long InFlight, long Delayed);
