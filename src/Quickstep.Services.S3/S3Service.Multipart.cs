using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Quickstep.Aws;
using Quickstep.Services.S3.Checksums;
using Quickstep.Storage.Objects;

namespace Quickstep.Services.S3;

/// <summary>
/// Multipart uploads: each part is a body of its own until CompleteMultipartUpload joins them into the
/// object's body. The ETag is S3's: the MD5 of the parts' binary MD5s, then <c>-N</c>.
/// </summary>
public sealed partial class S3Service
{
    /// <summary>S3's least size of every part but the last.</summary>
    public const long MinPartSize = 5L * 1024 * 1024;

    public async Task<UploadRecord> CreateMultipartUploadAsync(string bucket, string key, string? contentType, IReadOnlyList<KeyValuePair<string, string>> metadata,
        IReadOnlyList<KeyValuePair<string, string>> headers, string? checksumAlgorithm, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        await GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
        string? algorithm = null;
        if (checksumAlgorithm is not null)
            algorithm = ChecksumAlgorithms.Normalize(checksumAlgorithm) ?? throw S3Errors.InvalidArgument("Checksum algorithm provided is unsupported.", "x-amz-checksum-algorithm", checksumAlgorithm);
        var upload = new UploadRecord
        {
            UploadId = NewId() + NewId(),
            Bucket = bucket,
            Key = key,
            ContentType = string.IsNullOrEmpty(contentType) ? DefaultContentType : contentType,
            Metadata = metadata,
            Headers = headers,
            ChecksumAlgorithm = algorithm,
            Initiated = Now(),
        };
        await _store.CreateUploadAsync(upload, cancellationToken).ConfigureAwait(false);
        return upload;
    }

    public async Task<PutObjectResult> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PartNumber is < 1 or > 10000)
            throw S3Errors.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", request.PartNumber.ToString(CultureInfo.InvariantCulture));
        var upload = await FindUploadAsync(request.Bucket, request.Key, request.UploadId, cancellationToken).ConfigureAwait(false);
        var algorithm = ChecksumAlgorithms.Normalize(request.ChecksumAlgorithm) ?? upload.ChecksumAlgorithm;
        var id = NewId();
        var stored = false;
        try
        {
            var (size, md5, checksum) = await ReceiveAsync(id, request.Body, algorithm, request.ContentMd5, request.ExpectedChecksum, request.ExpectedLength, cancellationToken).ConfigureAwait(false);
            var part = new PartRecord(upload.UploadId, request.PartNumber, ETagOf(md5), size, Now(), checksum is null ? null : Convert.ToBase64String(checksum), id);
            var (ok, replaced) = await _store.PutPartAsync(part, cancellationToken).ConfigureAwait(false);
            if (!ok)
                throw NoSuchUpload(request.UploadId);
            stored = true;
            if (replaced is not null)
                await DeleteBodiesAsync([replaced]).ConfigureAwait(false);
            return new PutObjectResult(part.ETag, size, part.LastModified, checksum is null ? null : algorithm, part.Checksum);
        }
        finally
        {
            if (!stored)
                await DeleteBodiesAsync([id]).ConfigureAwait(false);
        }
    }

    public async Task<PutObjectResult> CompleteMultipartUploadAsync(string bucket, string key, string uploadId, IReadOnlyList<CompletedPart> parts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var upload = await FindUploadAsync(bucket, key, uploadId, cancellationToken).ConfigureAwait(false);
        if (parts.Count == 0)
            throw S3Errors.MalformedXml();
        var uploaded = (await _store.ListPartsAsync(uploadId, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.PartNumber);
        var chosen = new List<PartRecord>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0 && parts[i].PartNumber <= parts[i - 1].PartNumber)
                throw new AwsServiceException("InvalidPartOrder", "The list of parts was not in ascending order. The parts list must be specified in order by part number.", 400);
            if (!uploaded.TryGetValue(parts[i].PartNumber, out var part) || part.ETag.Trim('"') != parts[i].ETag.Trim().Trim('"'))
            {
                var error = new AwsServiceException("InvalidPart", "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.", 400);
                error.Data["S3Details"] = new[] { ("UploadId", uploadId), ("PartNumber", parts[i].PartNumber.ToString(CultureInfo.InvariantCulture)), ("ETag", parts[i].ETag) };
                throw error;
            }

            chosen.Add(part);
        }

        for (var i = 0; i < chosen.Count - 1; i++)
        {
            if (chosen[i].Size < MinPartSize)
            {
                var error = new AwsServiceException("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.", 400);
                error.Data["S3Details"] = new[] { ("ProposedSize", chosen[i].Size.ToString(CultureInfo.InvariantCulture)), ("MinSizeAllowed", MinPartSize.ToString(CultureInfo.InvariantCulture)), ("PartNumber", chosen[i].PartNumber.ToString(CultureInfo.InvariantCulture)), ("ETag", chosen[i].ETag) };
                throw error;
            }
        }

        var id = NewId();
        var stored = false;
        try
        {
            var size = await JoinAsync(id, chosen, cancellationToken).ConfigureAwait(false);
            var record = new ObjectRecord
            {
                Bucket = bucket,
                Key = key,
                Size = size,
                ETag = MultipartETag(chosen),
                LastModified = Now(),
                ContentType = upload.ContentType,
                Metadata = upload.Metadata,
                Headers = upload.Headers,
                ChecksumAlgorithm = upload.ChecksumAlgorithm,
                Checksum = CompositeChecksum(upload.ChecksumAlgorithm, chosen),
                FileId = id,
            };
            var (completed, outcome, partFiles) = await _store.CompleteUploadAsync(uploadId, record, cancellationToken).ConfigureAwait(false);
            if (!completed)
                throw NoSuchUpload(uploadId);
            if (outcome.Status == ObjectPutStatus.NoSuchBucket)
                throw S3Errors.NoSuchBucket(bucket);
            stored = true;
            await DeleteBodiesAsync(outcome.ReplacedFileId is { } old ? [old, .. partFiles] : partFiles).ConfigureAwait(false);
            await NotifyAsync(record, "CompleteMultipartUpload", cancellationToken).ConfigureAwait(false);
            return new PutObjectResult(record.ETag, size, record.LastModified, record.Checksum is null ? null : record.ChecksumAlgorithm, record.Checksum);
        }
        finally
        {
            if (!stored)
                await DeleteBodiesAsync([id]).ConfigureAwait(false);
        }
    }

    public async Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken = default)
    {
        await FindUploadAsync(bucket, key, uploadId, cancellationToken).ConfigureAwait(false);
        var files = await _store.AbortUploadAsync(uploadId, cancellationToken).ConfigureAwait(false) ?? throw NoSuchUpload(uploadId);
        await DeleteBodiesAsync(files).ConfigureAwait(false);
    }

    private async Task<UploadRecord> FindUploadAsync(string bucket, string key, string uploadId, CancellationToken ct)
    {
        var upload = await _store.GetUploadAsync(uploadId, ct).ConfigureAwait(false);
        if (upload is null || upload.Bucket != bucket || upload.Key != key)
        {
            await GetBucketAsync(bucket, ct).ConfigureAwait(false);
            throw NoSuchUpload(uploadId);
        }

        return upload;
    }

    private static AwsServiceException NoSuchUpload(string uploadId)
    {
        var error = new AwsServiceException("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", 404);
        error.Data["S3Details"] = new[] { ("UploadId", uploadId) };
        return error;
    }

    /// <summary>Copies the parts' bodies, in order, into the new body <paramref name="id"/>.</summary>
    private async Task<long> JoinAsync(string id, List<PartRecord> parts, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            await using var writer = await Bodies.CreateAsync(id, ct).ConfigureAwait(false);
            foreach (var part in parts)
            {
                await using var source = await Bodies.OpenReadAsync(part.FileId, 0, part.Size, ct).ConfigureAwait(false)
                    ?? throw new AwsServiceException("InternalError", $"The bytes of part {part.PartNumber} are missing.", 500, senderFault: false);
                int n;
                while ((n = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                    await writer.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            }

            return await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>S3's multipart ETag: MD5 over the concatenated binary MD5s of the parts, then <c>-N</c>.</summary>
    internal static string MultipartETag(IReadOnlyList<PartRecord> parts)
    {
        var md5s = new byte[parts.Count * 16];
        for (var i = 0; i < parts.Count; i++)
            Convert.FromHexString(parts[i].ETag.Trim('"')).CopyTo(md5s, i * 16);
#pragma warning disable CA5351 // S3's ETag is defined with MD5; it identifies content, it does not protect it.
        var hash = MD5.HashData(md5s);
#pragma warning restore CA5351
        return "\"" + Convert.ToHexStringLower(hash) + "-" + parts.Count.ToString(CultureInfo.InvariantCulture) + "\"";
    }

    /// <summary>S3's composite checksum: the algorithm over the parts' binary checksums, base64, then <c>-N</c>; null unless every part has one.</summary>
    private static string? CompositeChecksum(string? algorithm, List<PartRecord> parts)
    {
        if (algorithm is null || parts.Any(p => p.Checksum is null) || ObjectHasher.Create(algorithm) is not { } hasher)
            return null;
        foreach (var part in parts)
            hasher.Append(Convert.FromBase64String(part.Checksum!));
        return Convert.ToBase64String(hasher.GetHash()) + "-" + parts.Count.ToString(CultureInfo.InvariantCulture);
    }
}
