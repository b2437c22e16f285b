namespace Quickstep.Storage.Objects;

/// <summary>
/// S3's buckets and object metadata (the bytes are files the service keeps). Keys are ordered as S3 orders
/// them: by their UTF-8 bytes. Implementations are thread-safe; each write is atomic.
/// </summary>
public interface IObjectStore
{
    /// <summary>Creates the tables if needed.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>False when a bucket of that name exists.</summary>
    Task<bool> TryCreateBucketAsync(BucketRecord bucket, CancellationToken cancellationToken = default);

    Task<BucketRecord?> GetBucketAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every bucket, by name.</summary>
    Task<IReadOnlyList<BucketRecord>> ListBucketsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes an empty bucket.</summary>
    Task<BucketDeleteResult> DeleteBucketAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stores or replaces the object's record when the bucket exists and <paramref name="condition"/> holds.</summary>
    Task<ObjectPutOutcome> PutObjectAsync(ObjectRecord record, ObjectWriteCondition? condition = null, CancellationToken cancellationToken = default);

    Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes the records of these keys; returns the records that existed (their files are now unreferenced).</summary>
    Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> objects of <paramref name="bucket"/> whose key starts with <paramref name="prefix"/>,
    /// in UTF-8 byte order, after <paramref name="after"/> (null: from the first), or, when <paramref name="skipPrefix"/>,
    /// after every key that starts with <paramref name="after"/>.
    /// </summary>
    Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? after, bool skipPrefix, int limit, CancellationToken cancellationToken = default);

    Task CreateUploadAsync(UploadRecord upload, CancellationToken cancellationToken = default);

    Task<UploadRecord?> GetUploadAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Stores or replaces a part; false when the upload does not exist. <paramref name="replacedFileId"/> is the replaced part's file.</summary>
    Task<(bool Stored, string? ReplacedFileId)> PutPartAsync(PartRecord part, CancellationToken cancellationToken = default);

    /// <summary>The upload's parts by part number.</summary>
    Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the upload with <paramref name="record"/> (stored as <see cref="PutObjectAsync"/> does) and forgets its parts, in one
    /// transaction; false (nothing done) when the upload no longer exists.
    /// </summary>
    Task<(bool Completed, ObjectPutOutcome Outcome, IReadOnlyList<string> PartFileIds)> CompleteUploadAsync(string uploadId, ObjectRecord record, CancellationToken cancellationToken = default);

    /// <summary>Forgets the upload and its parts; null when it does not exist, else the parts' files.</summary>
    Task<IReadOnlyList<string>?> AbortUploadAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Every file id a record refers to (objects and uploaded parts).</summary>
    Task<IReadOnlySet<string>> ListFileIdsAsync(CancellationToken cancellationToken = default);
}
