namespace Quickstep.Storage.Objects;

/// <summary>
/// What is known about one stored object besides its bytes: the bytes are in the file <see cref="FileId"/>
/// names under the object folder (never a path derived from the key).
/// </summary>
public sealed record ObjectRecord
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required long Size { get; init; }

    /// <summary>The ETag with its quotes, as S3 sends it: <c>"md5hex"</c>, or <c>"md5hex-N"</c> for a multipart object.</summary>
    public required string ETag { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    /// <summary>Content-Type; S3 defaults it to binary/octet-stream.</summary>
    public required string ContentType { get; init; }

    /// <summary>User metadata (x-amz-meta-*), names lower-cased, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>Other headers stored with the object: Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The additional checksum's algorithm (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), or null.</summary>
    public string? ChecksumAlgorithm { get; init; }

    /// <summary>The additional checksum, base64 as S3 sends it in x-amz-checksum-*.</summary>
    public string? Checksum { get; init; }

    /// <summary>The file holding the bytes: a name the service chose, relative to the object folder.</summary>
    public required string FileId { get; init; }
}
