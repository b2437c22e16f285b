using Quickstep.Storage.Objects;

namespace Quickstep.Services.S3;

/// <summary>PutObject: the bytes stream from <see cref="Body"/> to a file; nothing is buffered whole.</summary>
public sealed class PutObjectRequest
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required Stream Body { get; init; }

    /// <summary>Default binary/octet-stream.</summary>
    public string? ContentType { get; init; }

    /// <summary>User metadata (x-amz-meta-* without the prefix).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires as given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Content-MD5 (base64): the stored bytes must have it.</summary>
    public string? ContentMd5 { get; init; }

    /// <summary>The additional checksum to compute and keep (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), or null.</summary>
    public string? ChecksumAlgorithm { get; init; }

    /// <summary>
    /// The checksum the client sent (base64), asked for once the body was read: it may come in a trailer
    /// after the bytes (aws-chunked). Null when it sent none.
    /// </summary>
    public Func<string?>? ExpectedChecksum { get; init; }

    /// <summary>The length the client announced (Content-Length or x-amz-decoded-content-length), checked against what arrived.</summary>
    public long? ExpectedLength { get; init; }

    /// <summary>If-None-Match: * / If-Match: etag.</summary>
    public ObjectWriteCondition? Condition { get; init; }
}
