namespace Quickstep.Storage;

/// <summary>
/// A stored message. <see cref="Seq"/> is unique across queues (the key); dates are Unix milliseconds;
/// <see cref="AttributesJson"/> holds the message attributes as the service encodes them.
/// </summary>
public sealed record StoredMessageRecord
{
    public required string Queue { get; init; }

    public required long Seq { get; init; }

    public required string MessageId { get; init; }

    public required string Body { get; init; }

    public string? AttributesJson { get; init; }

    public string? TraceHeader { get; init; }

    public required long SentMs { get; init; }

    public required long VisibleAtMs { get; init; }

    public int ReceiveCount { get; init; }

    public long FirstReceiveMs { get; init; }

    public string? GroupId { get; init; }

    public string? DeduplicationId { get; init; }

    public string? SequenceNumber { get; init; }

    /// <summary>The queue a dead-lettered message came from.</summary>
    public string? SourceQueueArn { get; init; }
}
