using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Quickstep.Aws;
using Quickstep.Services.S3.Checksums;
using Quickstep.Storage.Objects;

namespace Quickstep.Services.S3;

/// <summary>
/// Amazon S3's buckets and objects, independent of HTTP: records in an <see cref="IObjectStore"/>, bytes in an
/// <see cref="IObjectBodyStore"/> (files of the node, or the database the nodes share). A write streams the body to
/// a new body id while hashing it, then commits the record that points to it; the replaced body is deleted after
/// the commit, so a reader never sees a half-written object.
/// </summary>
public sealed partial class S3Service
{
    /// <summary>S3's longest key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    private const string DefaultContentType = "binary/octet-stream";

    private readonly IObjectStore _store;
    private readonly S3ServiceOptions _options;

    public S3Service(IObjectStore store, S3ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
        Bodies = options.Bodies ?? new FileObjectBodyStore(options.RootDirectory);
    }

    /// <summary>Where the bytes of objects and parts are.</summary>
    public IObjectBodyStore Bodies { get; }

    public string Region => _options.Region;

    /// <summary>
    /// Deletes object bodies no record refers to: what a process that stopped in the middle of an upload left.
    /// Run at start, before requests are served (an upload in flight has a body and no record yet; the body store
    /// leaves out those another node may still be writing).
    /// </summary>
    public async Task<int> RemoveOrphanFilesAsync(CancellationToken cancellationToken = default)
    {
        var referenced = await _store.ListFileIdsAsync(cancellationToken).ConfigureAwait(false);
        var orphans = (await Bodies.ListSettledIdsAsync(cancellationToken).ConfigureAwait(false)).Where(id => !referenced.Contains(id)).ToList();
        await Bodies.DeleteAsync(orphans, cancellationToken).ConfigureAwait(false);
        return orphans.Count;
    }

    /// <summary>A new body id (32 lower-case hex digits), for a body about to be written.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N", System.Globalization.CultureInfo.InvariantCulture);

    // ---- buckets ----

    public async Task<BucketRecord> CreateBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        if (!BucketNames.IsValid(bucket))
            throw S3Errors.InvalidBucketName(bucket);
        var record = new BucketRecord(bucket, Now(), _options.Region);
        if (!await _store.TryCreateBucketAsync(record, cancellationToken).ConfigureAwait(false))
            throw S3Errors.BucketAlreadyOwnedByYou(bucket);
        return record;
    }

    public async Task DeleteBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        switch (await _store.DeleteBucketAsync(bucket, cancellationToken).ConfigureAwait(false))
        {
            case BucketDeleteResult.NoSuchBucket:
                throw S3Errors.NoSuchBucket(bucket);
            case BucketDeleteResult.NotEmpty:
                throw S3Errors.BucketNotEmpty(bucket);
        }

        ForgetNotifications(bucket);
    }

    /// <summary>HeadBucket: the bucket, or NoSuchBucket.</summary>
    public async Task<BucketRecord> GetBucketAsync(string bucket, CancellationToken cancellationToken = default) =>
        await _store.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) ?? throw S3Errors.NoSuchBucket(bucket);

    public Task<IReadOnlyList<BucketRecord>> ListBucketsAsync(CancellationToken cancellationToken = default) =>
        _store.ListBucketsAsync(cancellationToken);

    // ---- objects ----

    public async Task<PutObjectResult> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckKey(request.Key);
        await GetBucketAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        string? algorithm = null;
        if (request.ChecksumAlgorithm is { } requested)
            algorithm = ChecksumAlgorithms.Normalize(requested) ?? throw S3Errors.InvalidArgument("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]", "x-amz-sdk-checksum-algorithm", requested);

        return await StoreObjectAsync(
            request.Bucket,
            request.Key,
            algorithm,
            id => ReceiveAsync(id, request.Body, algorithm, request.ContentMd5, request.ExpectedChecksum, request.ExpectedLength, cancellationToken),
            record => record with { ContentType = ContentTypeOrDefault(request.ContentType), Metadata = request.Metadata, Headers = request.Headers },
            request.Condition,
            "PutObject",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>HeadObject: the record, after the conditions.</summary>
    public async Task<ObjectRecord> HeadObjectAsync(string bucket, string key, ObjectConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        var record = await FindAsync(bucket, key, cancellationToken).ConfigureAwait(false);
        (conditions ?? ObjectConditions.None).Check(record);
        return record;
    }

    /// <summary>GetObject: the record and its bytes, open.</summary>
    public Task<OpenedObject> GetObjectAsync(string bucket, string key, ObjectConditions? conditions = null, CancellationToken cancellationToken = default) =>
        GetObjectAsync(bucket, key, conditions, null, cancellationToken);

    /// <summary>
    /// GetObject: the record and the bytes of the Range header's range (all of them when it is null or S3 ignores it), open;
    /// retries when a concurrent write replaced the body between reading the record and opening the body.
    /// </summary>
    public async Task<OpenedObject> GetObjectAsync(string bucket, string key, ObjectConditions? conditions, string? range, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var record = await FindAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            (conditions ?? ObjectConditions.None).Check(record);
            var resolved = ObjectRange.Resolve(range, record.Size);
            if (await Bodies.OpenReadAsync(record.FileId, resolved?.Start ?? 0, resolved?.Length ?? record.Size, cancellationToken).ConfigureAwait(false) is { } stream)
                return new OpenedObject(record, resolved, stream);
            if (attempt == 3)
                throw new AwsServiceException("InternalError", $"The bytes of '{key}' are missing.", 500, senderFault: false);
        }
    }

    public async Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        await GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
        await DeleteObjectsAsync(bucket, [key], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes these keys (a missing key is not an error, as in S3); returns the keys asked for.</summary>
    public async Task<IReadOnlyList<string>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
        var deleted = await _store.DeleteObjectsAsync(bucket, keys, cancellationToken).ConfigureAwait(false);
        await DeleteBodiesAsync([.. deleted.Select(r => r.FileId)]).ConfigureAwait(false);
        foreach (var record in deleted)
        {
            await NotifyAsync(record, "DeleteObject", cancellationToken, deleted: true).ConfigureAwait(false);
        }

        return keys;
    }

    public async Task<PutObjectResult> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckKey(request.Key);
        await GetBucketAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        OpenedObject source;
        try
        {
            source = await GetObjectAsync(request.SourceBucket, request.SourceKey, request.SourceConditions, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.StatusCode == 304)
        {
            // For a copy every failed condition is 412.
            throw S3Errors.PreconditionFailed("x-amz-copy-source-If-None-Match");
        }

        await using (source.ConfigureAwait(false))
        {
            var from = source.Record;
            if (!request.ReplaceMetadata && from.Bucket == request.Bucket && from.Key == request.Key)
                throw S3Errors.InvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
            // A full-object checksum carries over; a multipart one (…-N) describes parts the copy does not have.
            var keepChecksum = from.Checksum is not null && !from.Checksum.Contains('-', StringComparison.Ordinal);
            var algorithm = keepChecksum ? from.ChecksumAlgorithm : null;
            return await StoreObjectAsync(
                request.Bucket,
                request.Key,
                algorithm,
                id => WriteBodyAsync(id, source.Content, algorithm, null, cancellationToken),
                record => request.ReplaceMetadata
                    ? record with { ContentType = ContentTypeOrDefault(request.ContentType), Metadata = request.Metadata, Headers = request.Headers }
                    : record with { ContentType = from.ContentType, Metadata = from.Metadata, Headers = from.Headers },
                null,
                "CopyObject",
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes a new body (<paramref name="write"/> gets its fresh id), commits the object record <paramref name="describe"/> completes
    /// with its content type, metadata and headers, and notifies <paramref name="eventName"/>; the body is deleted again when the object
    /// was not stored.
    /// </summary>
    private async Task<PutObjectResult> StoreObjectAsync(
        string bucket,
        string key,
        string? algorithm,
        Func<string, Task<(long Size, byte[] Md5, byte[]? Checksum)>> write,
        Func<ObjectRecord, ObjectRecord> describe,
        ObjectWriteCondition? condition,
        string eventName,
        CancellationToken cancellationToken)
    {
        var id = NewId();
        var stored = false;
        try
        {
            var (size, md5, checksum) = await write(id).ConfigureAwait(false);
            var record = describe(new ObjectRecord
            {
                Bucket = bucket,
                Key = key,
                Size = size,
                ETag = ETagOf(md5),
                LastModified = Now(),
                ContentType = DefaultContentType,
                ChecksumAlgorithm = algorithm,
                Checksum = checksum is null ? null : Convert.ToBase64String(checksum),
                FileId = id,
            });
            await CommitAsync(record, condition, cancellationToken).ConfigureAwait(false);
            stored = true;
            await NotifyAsync(record, eventName, cancellationToken).ConfigureAwait(false);
            return new PutObjectResult(record.ETag, size, record.LastModified, algorithm, record.Checksum);
        }
        finally
        {
            if (!stored)
                await DeleteBodiesAsync([id]).ConfigureAwait(false);
        }
    }

    private static string ContentTypeOrDefault(string? contentType) => string.IsNullOrEmpty(contentType) ? DefaultContentType : contentType;

    /// <summary>
    /// ListObjectsV2: keys in UTF-8 byte order; with a delimiter, keys that share the part of the key up to the
    /// first delimiter after the prefix roll up into one common prefix. Both count against MaxKeys.
    /// </summary>
    public async Task<ListObjectsV2Result> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await GetBucketAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        if (request.MaxKeys < 0)
            throw S3Errors.InvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", request.MaxKeys.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var maxKeys = Math.Min(request.MaxKeys, 1000);
        var prefix = request.Prefix;
        var delimiter = string.IsNullOrEmpty(request.Delimiter) ? null : request.Delimiter;
        string? after = request.StartAfter;
        var skip = false;
        // A start key under a common prefix (V1's NextMarker is one) starts after that whole prefix: it was listed already.
        if (after is not null && delimiter is not null && after.StartsWith(prefix, StringComparison.Ordinal)
            && after.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) is var cut and >= 0)
            (after, skip) = (after[..(cut + delimiter.Length)], true);
        if (request.ContinuationToken is { } token)
            (after, skip) = DecodeToken(token);
        var contents = new List<ObjectRecord>();
        var prefixes = new List<string>();
        var truncated = false;
        if (maxKeys == 0)
            return new ListObjectsV2Result(contents, prefixes, false, null, maxKeys);
        while (!truncated)
        {
            var limit = maxKeys - contents.Count - prefixes.Count + 1;
            var page = await _store.ListObjectsAsync(request.Bucket, prefix, after, skip, limit, cancellationToken).ConfigureAwait(false);
            var restarted = false;
            foreach (var record in page)
            {
                if (contents.Count + prefixes.Count == maxKeys)
                {
                    truncated = true;
                    break;
                }

                var at = delimiter is null ? -1 : record.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var common = record.Key[..(at + delimiter!.Length)];
                    prefixes.Add(common);
                    (after, skip) = (common, true);
                    // Every other key under this common prefix is skipped: ask again from past it.
                    restarted = true;
                    break;
                }

                contents.Add(record);
                (after, skip) = (record.Key, false);
            }

            if (!restarted && !truncated && page.Count < limit)
                break;
        }

        return new ListObjectsV2Result(contents, prefixes, truncated, truncated ? EncodeToken(after!, skip) : null, maxKeys);
    }

    // ---- plumbing ----

    private async Task<ObjectRecord> FindAsync(string bucket, string key, CancellationToken ct)
    {
        if (await _store.GetObjectAsync(bucket, key, ct).ConfigureAwait(false) is { } record)
            return record;
        await GetBucketAsync(bucket, ct).ConfigureAwait(false);
        throw S3Errors.NoSuchKey(key);
    }

    private async Task CommitAsync(ObjectRecord record, ObjectWriteCondition? condition, CancellationToken ct)
    {
        var outcome = await _store.PutObjectAsync(record, condition, ct).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case ObjectPutStatus.NoSuchBucket:
                throw S3Errors.NoSuchBucket(record.Bucket);
            case ObjectPutStatus.NoSuchKey:
                throw S3Errors.NoSuchKey(record.Key);
            case ObjectPutStatus.PreconditionFailed:
                throw S3Errors.PreconditionFailed(condition?.MustNotExist == true ? "If-None-Match" : "If-Match");
        }

        if (outcome.ReplacedFileId is { } old)
            await DeleteBodiesAsync([old]).ConfigureAwait(false);
    }

    /// <summary>Deletes bodies no record refers to any more, even when the request was cancelled meanwhile (they would be orphans).</summary>
    private Task DeleteBodiesAsync(IReadOnlyCollection<string> ids) => ids.Count == 0 ? Task.CompletedTask : Bodies.DeleteAsync(ids, CancellationToken.None);

    /// <summary>Streams a request body into the new body <paramref name="id"/>, kept only when it matches the length and digests the client sent.</summary>
    private async Task<(long Size, byte[] Md5, byte[]? Checksum)> ReceiveAsync(string id, Stream body, string? algorithm, string? contentMd5, Func<string?>? expectedChecksum, long? expectedLength, CancellationToken ct)
    {
        byte[]? expectedMd5 = null;
        if (contentMd5 is not null)
        {
            expectedMd5 = new byte[16];
            if (!Convert.TryFromBase64String(contentMd5.Trim(), expectedMd5, out var n) || n != 16)
                throw S3Errors.InvalidDigest(contentMd5);
        }

        return await WriteBodyAsync(id, body, algorithm, (size, md5, checksum) =>
        {
            if (expectedLength is { } expected && expected != size)
                throw S3Errors.IncompleteBody();
            if (expectedMd5 is not null && !expectedMd5.AsSpan().SequenceEqual(md5))
                throw S3Errors.BadDigest(contentMd5!, Convert.ToBase64String(md5));
            if (algorithm is not null && expectedChecksum?.Invoke() is { } sent)
            {
                var declared = new byte[checksum!.Length];
                if (!Convert.TryFromBase64String(sent.Trim(), declared, out var written) || written != declared.Length)
                    throw S3Errors.InvalidChecksum(algorithm);
                if (!declared.AsSpan().SequenceEqual(checksum))
                    throw S3Errors.BadChecksum(algorithm);
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams <paramref name="body"/> into the new body <paramref name="id"/>, hashing as it goes; <paramref name="verify"/> (size, MD5,
    /// checksum) may throw to keep nothing, before the body is completed.
    /// </summary>
    private async Task<(long Size, byte[] Md5, byte[]? Checksum)> WriteBodyAsync(string id, Stream body, string? algorithm, Action<long, byte[], byte[]?>? verify, CancellationToken ct)
    {
#pragma warning disable CA5351 // S3's ETag is the MD5 of the bytes; it is an identifier, not a security measure.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        var hasher = algorithm is null ? null : ObjectHasher.Create(algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        long size = 0;
        try
        {
            await using var writer = await Bodies.CreateAsync(id, ct).ConfigureAwait(false);
            int n;
            while ((n = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                size += n;
                if (size > _options.MaxObjectSize)
                    throw new AwsServiceException("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400);
                md5.AppendData(buffer, 0, n);
                hasher?.Append(buffer.AsSpan(0, n));
                await writer.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            }

            var digest = md5.GetHashAndReset();
            var checksum = hasher?.GetHash();
            verify?.Invoke(size, digest, checksum);
            await writer.CompleteAsync(ct).ConfigureAwait(false);
            return (size, digest, checksum);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
            throw S3Errors.InvalidArgument("Object key must not be empty.", "key", key);
        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes > MaxKeyBytes)
            throw S3Errors.KeyTooLong(bytes);
    }

    /// <summary>S3's ETag of a single-part object: the MD5 in lower-case hex, in quotes.</summary>
    public static string ETagOf(ReadOnlySpan<byte> md5) => "\"" + Convert.ToHexStringLower(md5) + "\"";

    /// <summary>A continuation token: where the page stopped (a key, or a common prefix to skip), opaque to clients.</summary>
    private static string EncodeToken(string after, bool skip) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes((skip ? "p" : "k") + after));

    private static (string After, bool Skip) DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.Length > 1 && text[0] is 'p' or 'k')
                return (text[1..], text[0] == 'p');
        }
        catch (FormatException)
        {
            // Reported below.
        }

        throw S3Errors.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }

    private DateTimeOffset Now()
    {
        // S3 keeps times to the millisecond.
        var now = _options.TimeProvider.GetUtcNow();
        return DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
    }
}
