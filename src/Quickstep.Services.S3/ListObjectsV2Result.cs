using Quickstep.Storage.Objects;

namespace Quickstep.Services.S3;

/// <summary>One page of ListObjectsV2: objects and common prefixes in key order.</summary>
public sealed record ListObjectsV2Result(
    IReadOnlyList<ObjectRecord> Contents,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? NextContinuationToken,
    int MaxKeys)
{
    public int KeyCount => Contents.Count + CommonPrefixes.Count;
}
