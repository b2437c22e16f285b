namespace Quickstep.Services.S3;

/// <summary>ListObjectsV2's parameters.</summary>
public sealed record ListObjectsV2Request(string Bucket)
{
    public string Prefix { get; init; } = string.Empty;

    public string? Delimiter { get; init; }

    /// <summary>Default (and most) 1000.</summary>
    public int MaxKeys { get; init; } = 1000;

    public string? ContinuationToken { get; init; }

    public string? StartAfter { get; init; }
}
