namespace Quickstep.Services.S3;

/// <summary>UploadPart: one part's bytes, streamed to a file as PutObject's are.</summary>
public sealed class UploadPartRequest
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required string UploadId { get; init; }

    public required int PartNumber { get; init; }

    public required Stream Body { get; init; }

    public string? ContentMd5 { get; init; }

    public string? ChecksumAlgorithm { get; init; }

    public Func<string?>? ExpectedChecksum { get; init; }

    public long? ExpectedLength { get; init; }
}
