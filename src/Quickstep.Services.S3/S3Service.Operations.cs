using System.Globalization;
using System.Text;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Storage.Objects;

namespace Quickstep.Services.S3;

/// <summary>
/// The operations in the shapes of S3's service model, for in-process callers such as the
/// <c>arn:aws:states:::aws-sdk:s3:*</c> Task integration. As in Step Functions' S3 integration, an object's
/// Body is a string (UTF-8) both ways.
/// </summary>
public sealed partial class S3Service : IAwsService
{
    public string SigningName => "s3";

    public async ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        switch (operation)
        {
            case "CreateBucket":
                {
                    var bucket = await CreateBucketAsync(Required(input, "Bucket"), cancellationToken).ConfigureAwait(false);
                    return Object(("Location", Str("/" + bucket.Name)));
                }

            case "DeleteBucket":
                await DeleteBucketAsync(Required(input, "Bucket"), cancellationToken).ConfigureAwait(false);
                return JObject.Empty;
            case "HeadBucket":
                {
                    var bucket = await GetBucketAsync(Required(input, "Bucket"), cancellationToken).ConfigureAwait(false);
                    return Object(("BucketRegion", Str(bucket.Region)));
                }

            case "ListBuckets":
                {
                    var buckets = await ListBucketsAsync(cancellationToken).ConfigureAwait(false);
                    var items = buckets.Select(b => (JValue)Object(("Name", Str(b.Name)), ("CreationDate", Str(Timestamp(b.CreationDate))), ("BucketRegion", Str(b.Region))));
                    return Object(("Buckets", JArray.Create(items)), ("Owner", Object(("ID", Str(OwnerId)))));
                }

            case "PutObject":
                {
                    var body = Optional(input, "Body") ?? string.Empty;
                    using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body), writable: false);
                    var result = await PutObjectAsync(new PutObjectRequest
                    {
                        Bucket = Required(input, "Bucket"),
                        Key = Required(input, "Key"),
                        Body = stream,
                        ContentType = Optional(input, "ContentType"),
                        Metadata = Metadata(input),
                        Headers = StandardHeaders(input),
                        ContentMd5 = Optional(input, "ContentMD5"),
                        ChecksumAlgorithm = Optional(input, "ChecksumAlgorithm"),
                        Condition = Optional(input, "IfNoneMatch") is "*" ? new ObjectWriteCondition(true, null) : Optional(input, "IfMatch") is { } m ? new ObjectWriteCondition(false, m) : null,
                    }, cancellationToken).ConfigureAwait(false);
                    return WriteResult(result, includeSize: true);
                }

            case "GetObject":
                {
                    await using var opened = await GetObjectAsync(Required(input, "Bucket"), Required(input, "Key"), Conditions(input), Optional(input, "Range"), cancellationToken).ConfigureAwait(false);
                    var record = opened.Record;
                    var range = opened.Range;
                    var length = range?.Length ?? record.Size;
                    if (length > 256 * 1024 * 4)
                        throw new AwsServiceException("InvalidRequest", "The object is too large to return as a string in process; read a Range of it.", 400);
                    var bytes = new byte[length];
                    await opened.Content.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                    var b = Describe(record, length);
                    if (range is { } r)
                        b.Set("ContentRange", Str(string.Create(CultureInfo.InvariantCulture, $"bytes {r.Start}-{r.End}/{record.Size}")));
                    return b.Set("Body", Str(Encoding.UTF8.GetString(bytes))).Build();
                }

            case "HeadObject":
                {
                    var record = await HeadObjectAsync(Required(input, "Bucket"), Required(input, "Key"), Conditions(input), cancellationToken).ConfigureAwait(false);
                    return Describe(record, record.Size).Build();
                }

            case "DeleteObject":
                await DeleteObjectAsync(Required(input, "Bucket"), Required(input, "Key"), cancellationToken).ConfigureAwait(false);
                return JObject.Empty;
            case "DeleteObjects":
                {
                    var keys = new List<string>();
                    if (input["Delete"] is JObject delete && delete["Objects"] is JArray objects)
                    {
                        foreach (var o in objects)
                        {
                            if (o is JObject obj && obj["Key"] is JString key)
                                keys.Add(key.Value);
                        }
                    }

                    var deleted = await DeleteObjectsAsync(Required(input, "Bucket"), keys, cancellationToken).ConfigureAwait(false);
                    var quiet = input["Delete"] is JObject d && d["Quiet"] is JBool { Value: true };
                    return quiet ? JObject.Empty : Object(("Deleted", JArray.Create(deleted.Select(k => (JValue)Object(("Key", Str(k)))))));
                }

            case "ListObjectsV2":
                {
                    var request = new ListObjectsV2Request(Required(input, "Bucket"))
                    {
                        Prefix = Optional(input, "Prefix") ?? string.Empty,
                        Delimiter = Optional(input, "Delimiter"),
                        MaxKeys = input["MaxKeys"] is JNumber n && n.TryGetInt32(out var max) ? max : 1000,
                        ContinuationToken = Optional(input, "ContinuationToken"),
                        StartAfter = Optional(input, "StartAfter"),
                    };
                    var page = await ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                    var b = new JObjectBuilder();
                    b.Set("IsTruncated", JValue.FromBool(page.IsTruncated));
                    if (page.Contents.Count > 0)
                        b.Set("Contents", JArray.Create(page.Contents.Select(c => (JValue)Object(("Key", Str(c.Key)), ("LastModified", Str(Timestamp(c.LastModified))), ("ETag", Str(c.ETag)), ("Size", JValue.FromNumber(c.Size)), ("StorageClass", Str("STANDARD"))))));
                    b.Set("Name", Str(request.Bucket)).Set("Prefix", Str(request.Prefix));
                    if (request.Delimiter is { } delimiter)
                        b.Set("Delimiter", Str(delimiter));
                    b.Set("MaxKeys", JValue.FromNumber(page.MaxKeys));
                    if (page.CommonPrefixes.Count > 0)
                        b.Set("CommonPrefixes", JArray.Create(page.CommonPrefixes.Select(p => (JValue)Object(("Prefix", Str(p))))));
                    b.Set("KeyCount", JValue.FromNumber(page.KeyCount));
                    if (request.ContinuationToken is { } token)
                        b.Set("ContinuationToken", Str(token));
                    if (page.NextContinuationToken is { } next)
                        b.Set("NextContinuationToken", Str(next));
                    if (request.StartAfter is { } startAfter)
                        b.Set("StartAfter", Str(startAfter));
                    return b.Build();
                }

            case "CopyObject":
                {
                    var (sourceBucket, sourceKey) = ParseCopySource(Required(input, "CopySource"));
                    var result = await CopyObjectAsync(new CopyObjectRequest
                    {
                        SourceBucket = sourceBucket,
                        SourceKey = sourceKey,
                        Bucket = Required(input, "Bucket"),
                        Key = Required(input, "Key"),
                        ReplaceMetadata = Optional(input, "MetadataDirective") is "REPLACE",
                        ContentType = Optional(input, "ContentType"),
                        Metadata = Metadata(input),
                        Headers = StandardHeaders(input),
                    }, cancellationToken).ConfigureAwait(false);
                    return Object(("CopyObjectResult", Object(("ETag", Str(result.ETag)), ("LastModified", Str(Timestamp(result.LastModified))))));
                }

            default:
                throw new AwsServiceException("InvalidAction", $"The S3 operation '{operation}' is not supported by Quickstep.", 400);
        }
    }

    /// <summary>The canonical ID the owner of every bucket has.</summary>
    public const string OwnerId = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";

    /// <summary>x-amz-copy-source: <c>bucket/key</c> or <c>/bucket/key</c>, URL-encoded, maybe with <c>?versionId=</c>.</summary>
    public static (string Bucket, string Key) ParseCopySource(string copySource)
    {
        ArgumentNullException.ThrowIfNull(copySource);
        var text = copySource;
        var q = text.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
            text = text[..q];
        text = Uri.UnescapeDataString(text).TrimStart('/');
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
            throw S3Errors.InvalidArgument("Invalid copy source object key", "x-amz-copy-source", copySource);
        return (text[..slash], text[(slash + 1)..]);
    }

    /// <summary>ISO 8601 with milliseconds, as S3's XML writes timestamps.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JObject WriteResult(PutObjectResult result, bool includeSize)
    {
        var b = new JObjectBuilder();
        b.Set("ETag", Str(result.ETag));
        if (result.ChecksumAlgorithm is { } algorithm && result.Checksum is { } checksum)
            b.Set("Checksum" + ChecksumMember(algorithm), Str(checksum)).Set("ChecksumType", Str("FULL_OBJECT"));
        if (includeSize)
            b.Set("Size", JValue.FromNumber(result.Size));
        return b.Build();
    }

    private static JObjectBuilder Describe(ObjectRecord record, long length)
    {
        var b = new JObjectBuilder();
        b.Set("AcceptRanges", Str("bytes"))
            .Set("LastModified", Str(Timestamp(record.LastModified)))
            .Set("ContentLength", JValue.FromNumber(length))
            .Set("ETag", Str(record.ETag))
            .Set("ContentType", Str(record.ContentType));
        foreach (var (name, value) in record.Headers)
            b.Set(HeaderMember(name), Str(value));
        if (record.Metadata.Count > 0)
            b.Set("Metadata", JObject.Create(record.Metadata.Select(m => new KeyValuePair<string, JValue>(m.Key, Str(m.Value)))));
        return b;
    }

    private static string ChecksumMember(string algorithm) => algorithm switch
    {
        "CRC32" => "CRC32",
        "CRC32C" => "CRC32C",
        "CRC64NVME" => "CRC64NVME",
        "SHA1" => "SHA1",
        _ => "SHA256",
    };

    /// <summary>The model's member for a stored standard header (Cache-Control → CacheControl).</summary>
    private static string HeaderMember(string header) => header.ToLowerInvariant() switch
    {
        "cache-control" => "CacheControl",
        "content-disposition" => "ContentDisposition",
        "content-encoding" => "ContentEncoding",
        "content-language" => "ContentLanguage",
        "expires" => "Expires",
        _ => header,
    };

    private static List<KeyValuePair<string, string>> StandardHeaders(JObject input)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (member, header) in new[] { ("CacheControl", "Cache-Control"), ("ContentDisposition", "Content-Disposition"), ("ContentEncoding", "Content-Encoding"), ("ContentLanguage", "Content-Language"), ("Expires", "Expires") })
        {
            if (Optional(input, member) is { } value)
                list.Add(new(header, value));
        }

        return list;
    }

    private static List<KeyValuePair<string, string>> Metadata(JObject input)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (input["Metadata"] is JObject metadata)
        {
            foreach (var (name, value) in metadata)
                list.Add(new(name.ToLowerInvariant(), value is JString s ? s.Value : value.ToString()));
        }

        return list;
    }

    private static ObjectConditions Conditions(JObject input) =>
        new(Optional(input, "IfMatch"), Optional(input, "IfNoneMatch"), Date(Optional(input, "IfModifiedSince")), Date(Optional(input, "IfUnmodifiedSince")));

    private static DateTimeOffset? Date(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private static string Required(JObject input, string member) =>
        Optional(input, member) ?? throw new AwsServiceException("InvalidParameter", $"Missing required parameter '{member}'.", 400);

    private static string? Optional(JObject input, string member) => input[member] switch
    {
        JString s => s.Value,
        JNumber n => n.ToJsonText(),
        JBool b => b.Value ? "true" : "false",
        null or JNull => null,
        var other => other.ToString(),
    };

    private static JString Str(string value) => JValue.FromString(value);

    private static JObject Object(params (string Name, JValue Value)[] members)
    {
        var b = new JObjectBuilder(members.Length);
        foreach (var (name, value) in members)
            b.Set(name, value);
        return b.Build();
    }
}
