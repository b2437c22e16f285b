using System.Data.Common;
using System.Text;
using System.Text.Json;
using static Quickstep.Storage.Rows.DbReads;

namespace Quickstep.Storage.Objects;

/// <summary>
/// Buckets, objects, uploads and parts as both dialects keep them: the columns selected, in order, the records read
/// from them, the JSON of name/value pairs, the key range of a listing and the check of a write condition.
/// Keys are stored as their UTF-8 bytes, so that byte order is S3's listing order.
/// </summary>
internal static class ObjectRows
{
    public const string BucketColumns = "name,region,creation_date";

    public const string ObjectColumns = "bucket,key,size,etag,last_modified,content_type,metadata,headers,checksum_algorithm,checksum,file_id";

    public const string UploadColumns = "upload_id,bucket,key,content_type,metadata,headers,checksum_algorithm,initiated";

    public const string PartColumns = "upload_id,part_number,etag,size,last_modified,checksum,file_id";

    public static BucketRecord ReadBucket(DbDataReader r) => new(r.GetString(0), Date(r, 2), r.GetString(1));

    public static ObjectRecord ReadObject(DbDataReader r) => new()
    {
        Bucket = r.GetString(0),
        Key = Key(r, 1),
        Size = r.GetInt64(2),
        ETag = r.GetString(3),
        LastModified = Date(r, 4),
        ContentType = r.GetString(5),
        Metadata = Pairs(r, 6),
        Headers = Pairs(r, 7),
        ChecksumAlgorithm = NullableString(r, 8),
        Checksum = NullableString(r, 9),
        FileId = r.GetString(10),
    };

    public static UploadRecord ReadUpload(DbDataReader r) => new()
    {
        UploadId = r.GetString(0),
        Bucket = r.GetString(1),
        Key = Key(r, 2),
        ContentType = r.GetString(3),
        Metadata = Pairs(r, 4),
        Headers = Pairs(r, 5),
        ChecksumAlgorithm = NullableString(r, 6),
        Initiated = Date(r, 7),
    };

    public static PartRecord ReadPart(DbDataReader r) =>
        new(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3), Date(r, 4), NullableString(r, 5), r.GetString(6));

    /// <summary>
    /// Why <paramref name="condition"/> refuses a write over the key's current record (its file and ETag, null when
    /// there is none); null when the write may go ahead.
    /// </summary>
    public static ObjectPutOutcome? Refusal(ObjectWriteCondition? condition, string? oldFile, string? oldETag)
    {
        if (condition is null)
            return null;
        if (condition.MustNotExist && oldFile is not null)
            return new ObjectPutOutcome(ObjectPutStatus.PreconditionFailed, null);
        if (condition.IfMatchETag is { } expected)
        {
            if (oldETag is null)
                return new ObjectPutOutcome(ObjectPutStatus.NoSuchKey, null);
            if (!ETagMatches(expected, oldETag))
                return new ObjectPutOutcome(ObjectPutStatus.PreconditionFailed, null);
        }

        return null;
    }

    /// <summary>
    /// The keys a listing reads: from <paramref name="low"/> on and, when <paramref name="high"/> is not null, below it;
    /// false when no key can come after <paramref name="after"/>.
    /// </summary>
    public static bool TryRange(string prefix, string? after, bool skipPrefix, out byte[] low, out byte[]? high)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        low = Encoding.UTF8.GetBytes(prefix);
        high = prefix.Length == 0 ? null : Successor(low);
        if (after is null)
            return true;
        var a = Encoding.UTF8.GetBytes(after);
        // The least key after every key starting with A is A with its last byte incremented; the least key after A is A + 0x00.
        var start = skipPrefix ? Successor(a) : [.. a, 0];
        if (start is null)
            return false;
        if (start.AsSpan().SequenceCompareTo(low) > 0)
            low = start;
        return true;
    }

    /// <summary>The least byte string greater than every string that starts with <paramref name="prefix"/>; null when there is none.</summary>
    public static byte[]? Successor(byte[] prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] != 0xFF)
            {
                var next = prefix[..(i + 1)];
                next[i]++;
                return next;
            }
        }

        return null;
    }

    /// <summary>If-Match compares strong ETags; a header may leave out the quotes or be <c>*</c>.</summary>
    public static bool ETagMatches(string expected, string actual) =>
        expected == "*" || string.Equals(expected.Trim().Trim('"'), actual.Trim('"'), StringComparison.Ordinal);

    /// <summary>Name/value pairs as a JSON array of two-element arrays (order kept); null when there are none.</summary>
    public static string? EncodePairs(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0)
            return null;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (name, value) in pairs)
            {
                json.WriteStartArray();
                json.WriteStringValue(name);
                json.WriteStringValue(value);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static List<KeyValuePair<string, string>> DecodePairs(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var list = new List<KeyValuePair<string, string>>(doc.RootElement.GetArrayLength());
        foreach (var pair in doc.RootElement.EnumerateArray())
            list.Add(new(pair[0].GetString()!, pair[1].GetString()!));
        return list;
    }

    private static string Key(DbDataReader r, int i) => Encoding.UTF8.GetString((byte[])r.GetValue(i));

    private static List<KeyValuePair<string, string>> Pairs(DbDataReader r, int i) => r.IsDBNull(i) ? [] : DecodePairs(r.GetString(i));
}
