namespace Quickstep.Storage.Objects;

/// <summary>One uploaded part of a multipart upload; its bytes are in the file <see cref="FileId"/>.</summary>
public sealed record PartRecord(string UploadId, int PartNumber, string ETag, long Size, DateTimeOffset LastModified, string? Checksum, string FileId);
