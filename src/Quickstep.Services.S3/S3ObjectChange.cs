namespace Quickstep.Services.S3;

/// <summary>
/// An object created or deleted in a bucket with EventBridge notifications on: what S3 puts in an
/// "Object Created"/"Object Deleted" event (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html).
/// </summary>
/// <param name="ETag">Without quotes, as in the event; null for a deletion.</param>
/// <param name="Reason">The API call: PutObject, CopyObject, CompleteMultipartUpload, DeleteObject.</param>
/// <param name="Sequencer">Orders the changes of one key (hex, increasing).</param>
public sealed record S3ObjectChange(string Bucket, string Key, long Size, string? ETag, string Reason, bool Deleted, string Sequencer, DateTimeOffset Time);
