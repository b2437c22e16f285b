using System.Text;
using Npgsql;
using NpgsqlTypes;
using Quickstep.Storage.Objects;
using Quickstep.Storage.Rows;
using static Quickstep.Storage.Objects.ObjectRows;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// S3 buckets, object records and the table of object bodies in PostgreSQL, shared by every node. Keys are <c>bytea</c>
/// of their UTF-8 bytes, which PostgreSQL orders byte by byte as S3 lists them. The bodies themselves are written and
/// read by <see cref="PostgresObjectBodyStore"/>.
/// </summary>
public sealed class PostgresObjectStore : IObjectStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE s3_buckets(name text COLLATE "C" PRIMARY KEY, region text NOT NULL, creation_date bigint NOT NULL);
        CREATE TABLE s3_objects(
            bucket text COLLATE "C" NOT NULL, key bytea NOT NULL, size bigint NOT NULL, etag text NOT NULL, last_modified bigint NOT NULL,
            content_type text NOT NULL, metadata text, headers text, checksum_algorithm text, checksum text, file_id text NOT NULL,
            PRIMARY KEY(bucket, key));
        CREATE TABLE s3_uploads(
            upload_id text COLLATE "C" PRIMARY KEY, bucket text NOT NULL, key bytea NOT NULL, content_type text NOT NULL, metadata text, headers text,
            checksum_algorithm text, initiated bigint NOT NULL);
        CREATE TABLE s3_parts(
            upload_id text COLLATE "C" NOT NULL, part_number integer NOT NULL, etag text NOT NULL, size bigint NOT NULL, last_modified bigint NOT NULL,
            checksum text, file_id text NOT NULL, PRIMARY KEY(upload_id, part_number));
        CREATE TABLE s3_bodies(file_id text COLLATE "C" NOT NULL, chunk integer NOT NULL, data bytea NOT NULL, PRIMARY KEY(file_id, chunk));
        """,
        // When each chunk was written (Unix ms): a body no record refers to is collected only after a grace period.
        "ALTER TABLE s3_bodies ADD COLUMN written bigint NOT NULL DEFAULT 0",
    ];

    private readonly PostgresDatabase _db;

    public PostgresObjectStore(PostgresDatabase database) => _db = database ?? throw new ArgumentNullException(nameof(database));

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _db.MigrateAsync("s3", Migrations, cancellationToken);

    public async Task<bool> TryCreateBucketAsync(BucketRecord bucket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return await PgSql.ExecAsync(_db, "INSERT INTO s3_buckets(name,region,creation_date) VALUES(@n,@r,@d) ON CONFLICT(name) DO NOTHING",
            cancellationToken, ("n", bucket.Name), ("r", bucket.Region), ("d", PgSql.Ms(bucket.CreationDate))).ConfigureAwait(false) > 0;
    }

    public async Task<BucketRecord?> GetBucketAsync(string name, CancellationToken cancellationToken = default) =>
        (await PgSql.QueryAsync(_db, $"SELECT {BucketColumns} FROM s3_buckets WHERE name=@n", ReadBucket, cancellationToken, ("n", name)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<BucketRecord>> ListBucketsAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, $"SELECT {BucketColumns} FROM s3_buckets ORDER BY name", ReadBucket, cancellationToken).ConfigureAwait(false);

    public Task<BucketDeleteResult> DeleteBucketAsync(string name, CancellationToken cancellationToken = default) =>
        PgSql.InTransactionAsync(_db, async (c, t) =>
        {
            // The bucket row is locked first, so a put into it (which locks it too) cannot slip in between the check and the delete.
            if (await PgSql.ScalarAsync(c, t, "SELECT 1 FROM s3_buckets WHERE name=@n FOR UPDATE", cancellationToken, ("n", name)).ConfigureAwait(false) is null)
                return BucketDeleteResult.NoSuchBucket;
            if (await PgSql.ScalarAsync(c, t, "SELECT 1 FROM s3_objects WHERE bucket=@n LIMIT 1", cancellationToken, ("n", name)).ConfigureAwait(false) is not null)
                return BucketDeleteResult.NotEmpty;
            await PgSql.ExecAsync(c, t, "DELETE FROM s3_buckets WHERE name=@n", cancellationToken, ("n", name)).ConfigureAwait(false);
            return BucketDeleteResult.Deleted;
        }, cancellationToken);

    public Task<ObjectPutOutcome> PutObjectAsync(ObjectRecord record, ObjectWriteCondition? condition = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return PgSql.InTransactionAsync(_db, (c, t) => PutAsync(c, t, record, condition, cancellationToken), cancellationToken);
    }

    private static async Task<ObjectPutOutcome> PutAsync(NpgsqlConnection c, NpgsqlTransaction t, ObjectRecord record, ObjectWriteCondition? condition, CancellationToken ct)
    {
        // FOR SHARE on the bucket: puts run side by side, but not beside a delete of the bucket.
        if (await PgSql.ScalarAsync(c, t, "SELECT 1 FROM s3_buckets WHERE name=@n FOR SHARE", ct, ("n", record.Bucket)).ConfigureAwait(false) is null)
            return new ObjectPutOutcome(ObjectPutStatus.NoSuchBucket, null);
        var key = Encoding.UTF8.GetBytes(record.Key);
        // Writes of one key take turns across nodes (a lock on the key's hash, held to the commit), so a condition's check
        // and the write are one step and the replaced file is the one actually replaced, even when the key is new.
        await PgSql.ExecAsync(c, t, "SELECT pg_advisory_xact_lock(@h)", ct, ("h", KeyLock(record.Bucket, key))).ConfigureAwait(false);
        string? oldFile = null, oldETag = null;
        var old = await PgSql.QueryAsync(c, t, "SELECT file_id, etag FROM s3_objects WHERE bucket=@b AND key=@k",
            r => (r.GetString(0), r.GetString(1)), ct, ("b", record.Bucket), ("k", key)).ConfigureAwait(false);
        if (old.Count > 0)
            (oldFile, oldETag) = old[0];
        if (Refusal(condition, oldFile, oldETag) is { } refused)
            return refused;

        await PgSql.ExecAsync(c, t, $"""
            INSERT INTO s3_objects({ObjectColumns}) VALUES(@b,@k,@s,@e,@lm,@ct,@m,@h,@ca,@c,@f)
            ON CONFLICT(bucket,key) DO UPDATE SET size=excluded.size, etag=excluded.etag, last_modified=excluded.last_modified,
            content_type=excluded.content_type, metadata=excluded.metadata, headers=excluded.headers,
            checksum_algorithm=excluded.checksum_algorithm, checksum=excluded.checksum, file_id=excluded.file_id
            """, ct,
            ("b", record.Bucket), ("k", key), ("s", record.Size), ("e", record.ETag), ("lm", PgSql.Ms(record.LastModified)),
            ("ct", record.ContentType), ("m", EncodePairs(record.Metadata)), ("h", EncodePairs(record.Headers)), ("ca", record.ChecksumAlgorithm), ("c", record.Checksum), ("f", record.FileId)).ConfigureAwait(false);
        return new ObjectPutOutcome(ObjectPutStatus.Stored, oldFile);
    }

    /// <summary>An advisory lock key for one object key: 64 bits of SHA-256 over the bucket and key (a collision only makes two keys take turns).</summary>
    private static long KeyLock(string bucket, byte[] key)
    {
        var bucketBytes = Encoding.UTF8.GetBytes(bucket);
        var data = new byte[bucketBytes.Length + 1 + key.Length];
        bucketBytes.CopyTo(data, 0);
        key.CopyTo(data, bucketBytes.Length + 1);
        return BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(data), 0);
    }

    public async Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return (await PgSql.QueryAsync(_db, $"SELECT {ObjectColumns} FROM s3_objects WHERE bucket=@b AND key=@k", ReadObject, cancellationToken,
            ("b", bucket), ("k", Encoding.UTF8.GetBytes(key))).ConfigureAwait(false)).FirstOrDefault();
    }

    public Task<IReadOnlyList<ObjectRecord>> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return PgSql.InTransactionAsync<IReadOnlyList<ObjectRecord>>(_db, async (c, t) =>
        {
            var deleted = new List<ObjectRecord>();
            foreach (var key in keys)
            {
                deleted.AddRange(await PgSql.QueryAsync(c, t, $"DELETE FROM s3_objects WHERE bucket=@b AND key=@k RETURNING {ObjectColumns}", ReadObject, cancellationToken,
                    ("b", bucket), ("k", Encoding.UTF8.GetBytes(key))).ConfigureAwait(false));
            }

            return deleted;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ObjectRecord>> ListObjectsAsync(string bucket, string prefix, string? after, bool skipPrefix, int limit, CancellationToken cancellationToken = default)
    {
        if (!TryRange(prefix, after, skipPrefix, out var low, out var high))
            return [];
        var lowParameter = new NpgsqlParameter("lo", NpgsqlDbType.Bytea) { Value = low };
        var highParameter = new NpgsqlParameter("hi", NpgsqlDbType.Bytea) { Value = (object?)high ?? DBNull.Value };
        await using var c = await _db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = PgSql.Command(c, null,
            $"SELECT {ObjectColumns} FROM s3_objects WHERE bucket=@b AND key>=@lo AND (@hi IS NULL OR key<@hi) ORDER BY key LIMIT @l", ("b", bucket), ("l", limit));
        command.Parameters.Add(lowParameter);
        command.Parameters.Add(highParameter);
        return await DbReads.ReadAllAsync<NpgsqlDataReader, ObjectRecord>(command, ReadObject, cancellationToken).ConfigureAwait(false);
    }

    public Task CreateUploadAsync(UploadRecord upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return PgSql.ExecAsync(_db,
            $"INSERT INTO s3_uploads({UploadColumns}) VALUES(@u,@b,@k,@ct,@m,@h,@ca,@i)", cancellationToken,
            ("u", upload.UploadId), ("b", upload.Bucket), ("k", Encoding.UTF8.GetBytes(upload.Key)), ("ct", upload.ContentType), ("m", EncodePairs(upload.Metadata)),
            ("h", EncodePairs(upload.Headers)), ("ca", upload.ChecksumAlgorithm), ("i", PgSql.Ms(upload.Initiated)));
    }

    public async Task<UploadRecord?> GetUploadAsync(string uploadId, CancellationToken cancellationToken = default) =>
        (await PgSql.QueryAsync(_db, $"SELECT {UploadColumns} FROM s3_uploads WHERE upload_id=@u", ReadUpload, cancellationToken, ("u", uploadId)).ConfigureAwait(false)).FirstOrDefault();

    public Task<(bool Stored, string? ReplacedFileId)> PutPartAsync(PartRecord part, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(part);
        return PgSql.InTransactionAsync<(bool, string?)>(_db, async (c, t) =>
        {
            // FOR SHARE: parts of one upload go in side by side, but not beside its completion or abort.
            if (await PgSql.ScalarAsync(c, t, "SELECT 1 FROM s3_uploads WHERE upload_id=@u FOR SHARE", cancellationToken, ("u", part.UploadId)).ConfigureAwait(false) is null)
                return (false, null);
            var old = await PgSql.ScalarAsync(c, t, "SELECT file_id FROM s3_parts WHERE upload_id=@u AND part_number=@p FOR UPDATE", cancellationToken,
                ("u", part.UploadId), ("p", part.PartNumber)).ConfigureAwait(false) as string;
            await PgSql.ExecAsync(c, t, $"""
                INSERT INTO s3_parts({PartColumns}) VALUES(@u,@p,@e,@s,@lm,@c,@f)
                ON CONFLICT(upload_id,part_number) DO UPDATE SET etag=excluded.etag, size=excluded.size, last_modified=excluded.last_modified,
                checksum=excluded.checksum, file_id=excluded.file_id
                """, cancellationToken,
                ("u", part.UploadId), ("p", part.PartNumber), ("e", part.ETag), ("s", part.Size), ("lm", PgSql.Ms(part.LastModified)), ("c", part.Checksum), ("f", part.FileId)).ConfigureAwait(false);
            return (true, old);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<PartRecord>> ListPartsAsync(string uploadId, CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, $"SELECT {PartColumns} FROM s3_parts WHERE upload_id=@u ORDER BY part_number", ReadPart, cancellationToken, ("u", uploadId)).ConfigureAwait(false);

    public Task<(bool Completed, ObjectPutOutcome Outcome, IReadOnlyList<string> PartFileIds)> CompleteUploadAsync(string uploadId, ObjectRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return PgSql.InTransactionAsync<(bool, ObjectPutOutcome, IReadOnlyList<string>)>(_db, async (c, t) =>
        {
            // FOR UPDATE: of two nodes completing (or aborting) the same upload, the second finds it gone.
            if (await PgSql.ScalarAsync(c, t, "SELECT 1 FROM s3_uploads WHERE upload_id=@u FOR UPDATE", cancellationToken, ("u", uploadId)).ConfigureAwait(false) is null)
                return (false, new ObjectPutOutcome(ObjectPutStatus.NoSuchKey, null), []);
            var outcome = await PutAsync(c, t, record, null, cancellationToken).ConfigureAwait(false);
            if (outcome.Status != ObjectPutStatus.Stored)
                return (true, outcome, []);
            return (true, outcome, await ForgetUploadAsync(c, t, uploadId, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>?> AbortUploadAsync(string uploadId, CancellationToken cancellationToken = default) =>
        PgSql.InTransactionAsync<IReadOnlyList<string>?>(_db, async (c, t) =>
            await PgSql.ScalarAsync(c, t, "SELECT 1 FROM s3_uploads WHERE upload_id=@u FOR UPDATE", cancellationToken, ("u", uploadId)).ConfigureAwait(false) is null
                ? null
                : await ForgetUploadAsync(c, t, uploadId, cancellationToken).ConfigureAwait(false), cancellationToken);

    private static async Task<IReadOnlyList<string>> ForgetUploadAsync(NpgsqlConnection c, NpgsqlTransaction t, string uploadId, CancellationToken ct)
    {
        var files = await PgSql.QueryAsync(c, t, "DELETE FROM s3_parts WHERE upload_id=@u RETURNING file_id", r => r.GetString(0), ct, ("u", uploadId)).ConfigureAwait(false);
        await PgSql.ExecAsync(c, t, "DELETE FROM s3_uploads WHERE upload_id=@u", ct, ("u", uploadId)).ConfigureAwait(false);
        return files;
    }

    public async Task<IReadOnlySet<string>> ListFileIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = await PgSql.QueryAsync(_db, "SELECT file_id FROM s3_objects UNION ALL SELECT file_id FROM s3_parts", r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        return ids.ToHashSet(StringComparer.Ordinal);
    }
}
