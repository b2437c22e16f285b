namespace Quickstep.Services.Sns;

/// <summary>One validated Publish (or PublishBatch entry).</summary>
internal sealed record PublishRequest(
    string Message,
    string? Subject,
    IReadOnlyDictionary<string, string>? PerProtocol,
    IReadOnlyDictionary<string, SnsMessageAttribute> Attributes,
    string? GroupId,
    string? DeduplicationId);
