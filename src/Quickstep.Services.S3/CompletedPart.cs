namespace Quickstep.Services.S3;

/// <summary>A part named in CompleteMultipartUpload: its number and the ETag UploadPart answered.</summary>
public sealed record CompletedPart(int PartNumber, string ETag);
