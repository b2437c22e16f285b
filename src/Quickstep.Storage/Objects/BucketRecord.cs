namespace Quickstep.Storage.Objects;

/// <summary>An S3 bucket: its name and when it was created.</summary>
public sealed record BucketRecord(string Name, DateTimeOffset CreationDate, string Region);
