namespace Quickstep.Storage;

/// <summary>The send a FIFO deduplication id first came with (in its five-minute window): a repeat is answered with it.</summary>
public sealed record FirstSend(string MessageId, string? SequenceNumber);
