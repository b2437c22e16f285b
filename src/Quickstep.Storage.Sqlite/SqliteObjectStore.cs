using System.Text;
using Microsoft.Data.Sqlite;
using Quickstep.Storage.Objects;
using static Quickstep.Storage.Objects.ObjectRows;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// S3 buckets and object records in the store's SQLite database, written through its one writer. Keys are
/// BLOBs of their UTF-8 bytes, so that SQLite orders them as S3 lists them (byte order) and a prefix is a
/// range of the primary key.
/// </summary>
public sealed class SqliteObjectStore : IObjectStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS s3_buckets(name TEXT PRIMARY KEY, region TEXT NOT NULL, creation_date INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS s3_objects(
            bucket TEXT NOT NULL, key BLOB NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL, last_modified INTEGER NOT NULL,
            content_type TEXT NOT NULL, metadata TEXT, headers TEXT, checksum_algorithm TEXT, checksum TEXT, file_id TEXT NOT NULL,
            PRIMARY KEY(bucket, key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS s3_uploads(
            upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key BLOB NOT NULL, content_type TEXT NOT NULL, metadata TEXT, headers TEXT,
            checksum_algorithm TEXT, initiated INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS s3_parts(
            upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, etag TEXT NOT NULL, size INTEGER NOT NULL, last_modified INTEGER NOT NULL,
            checksum TEXT, file_id TEXT NOT NULL, PRIMARY KEY(upload_id, part_number)) WITHOUT ROWID;
        """;

    private readonly SqliteStore _store;

    /// <summary>Keeps its tables in <paramref name="store"/>'s database; call <see cref="InitializeAsync"/> after the store's.</summary>
    public SqliteObjectStore(SqliteStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec(Schema), cancellationToken);

    public Task<bool> TryCreateBucketAsync(BucketRecord bucket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return _store.WriteAsync(w => w.Exec(
            "INSERT INTO s3_buckets(name,region,creation_date) VALUES($n,$r,$d) ON CONFLICT(name) DO NOTHING",
            ("$n", bucket.Name), ("$r", bucket.Region), ("$d", bucket.CreationDate.ToUnixTimeMilliseconds())) > 0, cancellationToken);
    }

    public async Task<BucketRecord?> GetBucketAsync(string name, CancellationToken cancellationToken = default)
    {
        var list = await ReadAsync($"SELECT {BucketColumns} FROM s3_buckets WHERE name=$n", ReadBucket, cancellationToken, ("$n", name)).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    public Task<IReadOnlyList<BucketRecord>> ListBucketsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {BucketColumns} FROM s3_buckets ORDER BY name", ReadBucket, cancellationToken);

    public Task<BucketDeleteResult> DeleteBucketAsync(string name, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w =>
        {
            if (w.Scalar("SELECT COUNT(*) FROM s3_buckets WHERE name=$n", ("$n", name)) is not long n || n == 0)
                return BucketDeleteResult.NoSuchBucket;
            if (w.Scalar("SELECT EXISTS(SELECT 1 FROM s3_objects WHERE bucket=$n)", ("$n", name)) is long e && e != 0)
                return BucketDeleteResult.NotEmpty;
            w.Exec("DELETE FROM s3_buckets WHERE name=$n", ("$n", name));
            return BucketDeleteResult.Deleted;
        }, cancellationToken);

    public Task<ObjectPutOutcome> PutObjectAsync(ObjectRecord record, ObjectWriteCondition? condition = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = Encoding.UTF8.GetBytes(record.Key);
        var metadata = EncodePairs(record.Metadata);
        var headers = EncodePairs(record.Headers);
        return _store.WriteAsync(w => Put(w, record, key, metadata, headers, condition), cancellationToken);
    }

    private static ObjectPutOutcome Put(SqliteBatch w, ObjectRecord record, byte[] key, string? metadata, string? headers, ObjectWriteCondition? condition)
    {
        if (w.Scalar("SELECT COUNT(*) FROM s3_buckets WHERE name=$n", ("$n", record.Bucket)) is not long n || n == 0)
            return new ObjectPutOutcome(ObjectPutStatus.NoSuchBucket, null);
        string? oldFile = null, oldETag = null;
        using (var r = w.Command("SELECT file_id, etag FROM s3_objects WHERE bucket=$b AND key=$k", ("$b", record.Bucket), ("$k", key)).ExecuteReader())
        {
            if (r.Read())
            {
                oldFile = r.GetString(0);
                oldETag = r.GetString(1);
            }
        }

        if (Refusal(condition, oldFile, oldETag) is { } refused)
            return refused;

        w.Exec($"""
            INSERT INTO s3_objects({ObjectColumns}) VALUES($b,$k,$s,$e,$lm,$ct,$m,$h,$ca,$c,$f)
            ON CONFLICT(bucket,key) DO UPDATE SET size=excluded.size, etag=excluded.etag, last_modified=excluded.last_modified,
            content_type=excluded.content_type, metadata=excluded.metadata, headers=excluded.headers,
            checksum_algorithm=excluded.checksum_algorithm, checksum=excluded.checksum, file_id=excluded.file_id
            """,
            ("$b", record.Bucket), ("$k", key), ("$s", record.Size), ("$e", record.ETag), ("$lm", record.LastModified.ToUnixTimeMilliseconds()),
            ("$ct", record.ContentType), ("$m", metadata), ("$h", headers), ("$ca", record.ChecksumAlgorithm), ("$c", record.Checksum), ("$f", record.FileId));
        return new ObjectPutOutcome(ObjectPutStatus.Stored, oldFile);
    }

    public async Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var list = await ReadAsync($"SELECT {ObjectColumns} FROM s3_objects WHERE bucket=$b AND key=$k", ReadObject, cancellationToken,
            ("$b", bucket), ("$k", Encoding.UTF8.GetBytes(key))).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    public Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _store.WriteAsync<IReadOnlyList<ObjectRecord>>(w =>
        {
            var deleted = new List<ObjectRecord>();
            foreach (var key in keys)
            {
                var k = Encoding.UTF8.GetBytes(key);
                using (var r = w.Command($"SELECT {ObjectColumns} FROM s3_objects WHERE bucket=$b AND key=$k", ("$b", bucket), ("$k", k)).ExecuteReader())
                {
                    if (!r.Read())
                        continue;
                    deleted.Add(ReadObject(r));
                }

                w.Exec("DELETE FROM s3_objects WHERE bucket=$b AND key=$k", ("$b", bucket), ("$k", k));
            }

            return deleted;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? after, bool skipPrefix, int limit, CancellationToken cancellationToken = default)
    {
        if (!TryRange(prefix, after, skipPrefix, out var low, out var high))
            return Task.FromResult<IReadOnlyList<ObjectRecord>>([]);
        return high is null
            ? ReadAsync($"SELECT {ObjectColumns} FROM s3_objects WHERE bucket=$b AND key>=$lo ORDER BY key LIMIT $l", ReadObject, cancellationToken,
                ("$b", bucket), ("$lo", low), ("$l", limit))
            : ReadAsync($"SELECT {ObjectColumns} FROM s3_objects WHERE bucket=$b AND key>=$lo AND key<$hi ORDER BY key LIMIT $l", ReadObject, cancellationToken,
                ("$b", bucket), ("$lo", low), ("$hi", high), ("$l", limit));
    }

    public Task CreateUploadAsync(UploadRecord upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return _store.WriteAsync(w => w.Exec(
            $"INSERT INTO s3_uploads({UploadColumns}) VALUES($u,$b,$k,$ct,$m,$h,$ca,$i)",
            ("$u", upload.UploadId), ("$b", upload.Bucket), ("$k", Encoding.UTF8.GetBytes(upload.Key)), ("$ct", upload.ContentType), ("$m", EncodePairs(upload.Metadata)),
            ("$h", EncodePairs(upload.Headers)), ("$ca", upload.ChecksumAlgorithm), ("$i", upload.Initiated.ToUnixTimeMilliseconds())), cancellationToken);
    }

    public async Task<UploadRecord?> GetUploadAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        var list = await ReadAsync($"SELECT {UploadColumns} FROM s3_uploads WHERE upload_id=$u", ReadUpload, cancellationToken, ("$u", uploadId)).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    public Task<(bool Stored, string? ReplacedFileId)> PutPartAsync(PartRecord part, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(part);
        return _store.WriteAsync<(bool, string?)>(w =>
        {
            if (w.Scalar("SELECT COUNT(*) FROM s3_uploads WHERE upload_id=$u", ("$u", part.UploadId)) is not long n || n == 0)
                return (false, null);
            var old = w.Scalar("SELECT file_id FROM s3_parts WHERE upload_id=$u AND part_number=$p", ("$u", part.UploadId), ("$p", part.PartNumber)) as string;
            w.Exec($"""
                INSERT INTO s3_parts({PartColumns}) VALUES($u,$p,$e,$s,$lm,$c,$f)
                ON CONFLICT(upload_id,part_number) DO UPDATE SET etag=excluded.etag, size=excluded.size, last_modified=excluded.last_modified,
                checksum=excluded.checksum, file_id=excluded.file_id
                """,
                ("$u", part.UploadId), ("$p", part.PartNumber), ("$e", part.ETag), ("$s", part.Size), ("$lm", part.LastModified.ToUnixTimeMilliseconds()),
                ("$c", part.Checksum), ("$f", part.FileId));
            return (true, old);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {PartColumns} FROM s3_parts WHERE upload_id=$u ORDER BY part_number", ReadPart, cancellationToken, ("$u", uploadId));

    public Task<(bool Completed, ObjectPutOutcome Outcome, IReadOnlyList<string> PartFileIds)> CompleteUploadAsync(string uploadId, ObjectRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = Encoding.UTF8.GetBytes(record.Key);
        var metadata = EncodePairs(record.Metadata);
        var headers = EncodePairs(record.Headers);
        return _store.WriteAsync<(bool, ObjectPutOutcome, IReadOnlyList<string>)>(w =>
        {
            if (w.Scalar("SELECT COUNT(*) FROM s3_uploads WHERE upload_id=$u", ("$u", uploadId)) is not long n || n == 0)
                return (false, new ObjectPutOutcome(ObjectPutStatus.NoSuchKey, null), []);
            var outcome = Put(w, record, key, metadata, headers, null);
            if (outcome.Status != ObjectPutStatus.Stored)
                return (true, outcome, []);
            return (true, outcome, ForgetUpload(w, uploadId));
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>?> AbortUploadAsync(string uploadId, CancellationToken cancellationToken = default) =>
        _store.WriteAsync<IReadOnlyList<string>?>(w =>
            w.Scalar("SELECT COUNT(*) FROM s3_uploads WHERE upload_id=$u", ("$u", uploadId)) is long n && n > 0 ? ForgetUpload(w, uploadId) : null, cancellationToken);

    private static List<string> ForgetUpload(SqliteBatch w, string uploadId)
    {
        var files = new List<string>();
        using (var r = w.Command("SELECT file_id FROM s3_parts WHERE upload_id=$u", ("$u", uploadId)).ExecuteReader())
        {
            while (r.Read())
                files.Add(r.GetString(0));
        }

        w.Exec("DELETE FROM s3_parts WHERE upload_id=$u", ("$u", uploadId));
        w.Exec("DELETE FROM s3_uploads WHERE upload_id=$u", ("$u", uploadId));
        return files;
    }

    public async Task<IReadOnlySet<string>> ListFileIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = await ReadAsync("SELECT file_id FROM s3_objects UNION ALL SELECT file_id FROM s3_parts", r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] args) =>
        await _store.Database.QueryAsync(sql, read, ct, args).ConfigureAwait(false);
}
