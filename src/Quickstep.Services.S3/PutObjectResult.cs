namespace Quickstep.Services.S3;

/// <summary>What PutObject and CopyObject answer: the new object's ETag, checksum and time.</summary>
public sealed record PutObjectResult(string ETag, long Size, DateTimeOffset LastModified, string? ChecksumAlgorithm, string? Checksum);
