namespace Quickstep.Services.Sqs;

/// <summary>One message to send, from SendMessage, a SendMessageBatch entry or an in-process caller.</summary>
internal sealed record SendRequest(
    string? Body,
    IReadOnlyList<KeyValuePair<string, SqsMessageAttribute>> Attributes,
    string? TraceHeader,
    string? GroupId,
    string? DeduplicationId,
    int? DelaySeconds);
