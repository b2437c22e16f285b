namespace Quickstep.Services.Sqs;

/// <summary>A FIFO send remembered for the five-minute deduplication interval: a repeat answers with the first one's id.</summary>
internal readonly record struct DedupEntry(string MessageId, string? SequenceNumber, long ExpiresMs);
