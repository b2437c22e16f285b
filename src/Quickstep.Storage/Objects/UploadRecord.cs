namespace Quickstep.Storage.Objects;

/// <summary>A multipart upload in progress: where it goes and the metadata the object will have.</summary>
public sealed record UploadRecord
{
    public required string UploadId { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required string ContentType { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The checksum algorithm every part carries, or null.</summary>
    public string? ChecksumAlgorithm { get; init; }

    public required DateTimeOffset Initiated { get; init; }
}
