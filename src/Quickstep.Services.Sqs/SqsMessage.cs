using Quickstep.Json;

namespace Quickstep.Services.Sqs;

/// <summary>One message and its mutable delivery state; changed only under its queue's lock.</summary>
internal sealed class SqsMessage
{
    public required long Seq { get; init; }

    public required string MessageId { get; init; }

    public required string Body { get; init; }

    public required string Md5OfBody { get; init; }

    /// <summary>The attributes in their wire shape (<c>{"name": {"DataType": …, "StringValue"|"BinaryValue": …}}</c>), sorted by name; null when none.</summary>
    public JObject? Attributes { get; init; }

    /// <summary>The attributes as values, sorted by name (for the MD5 of a subset).</summary>
    public IReadOnlyList<KeyValuePair<string, SqsMessageAttribute>> AttributeValues { get; init; } = [];

    public string? Md5OfAttributes { get; init; }

    public string? TraceHeader { get; init; }

    public required long SentMs { get; init; }

    public string? GroupId { get; init; }

    public string? DeduplicationId { get; init; }

    public string? SequenceNumber { get; init; }

    public string? SourceQueueArn { get; set; }

    public long VisibleAtMs { get; set; }

    public int ReceiveCount { get; set; }

    public long FirstReceiveMs { get; set; }

    public SqsMessageState State { get; set; }

    /// <summary>Identifies the latest receive; a receipt handle from an earlier one no longer deletes the message.</summary>
    public long ReceiptNonce { get; set; }

    /// <summary>The message's node in its FIFO group.</summary>
    public LinkedListNode<SqsMessage>? GroupNode { get; set; }

    public FifoGroup? Group { get; set; }
}
