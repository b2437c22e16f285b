namespace Quickstep.Services.S3;

/// <summary>CopyObject: the source, the destination and, with REPLACE, the new object's metadata.</summary>
public sealed class CopyObjectRequest
{
    public required string SourceBucket { get; init; }

    public required string SourceKey { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    /// <summary>REPLACE takes ContentType, Metadata and Headers from this request; COPY (the default) from the source.</summary>
    public bool ReplaceMetadata { get; init; }

    public string? ContentType { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>x-amz-copy-source-if-match / -if-none-match / -if-modified-since / -if-unmodified-since (all fail with 412).</summary>
    public ObjectConditions SourceConditions { get; init; } = ObjectConditions.None;
}
