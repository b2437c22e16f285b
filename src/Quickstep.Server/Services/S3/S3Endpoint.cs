using System.Buffers;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Services.S3;
using Quickstep.Services.S3.Checksums;
using Quickstep.Storage.Objects;

namespace Quickstep.Server.Services.S3;

/// <summary>
/// S3's REST-XML API, path-style (<c>http://HOST:PORT/BUCKET/KEY</c>), over <see cref="S3Service"/>: buckets,
/// objects streamed to and from their files, ListObjectsV2, DeleteObjects, CopyObject. Errors are S3's XML
/// error documents (HEAD errors carry no body).
/// </summary>
internal sealed class S3Endpoint
{
    /// <summary>Sub-resources of S3's API this server does not serve; a request for one gets 501 NotImplemented.</summary>
    private static readonly string[] Unsupported =
    [
        "acl", "tagging", "versioning", "policy", "cors", "lifecycle", "website", "encryption",
        "replication", "logging", "object-lock", "retention", "legal-hold", "ownershipControls", "publicAccessBlock", "accelerate",
        "requestPayment", "analytics", "metrics", "inventory", "intelligent-tiering", "attributes", "restore", "select", "torrent", "versions",
        "policyStatus", "session",
    ];

    /// <summary>The largest XML request body read (DeleteObjects, CompleteMultipartUpload, the notification configuration).</summary>
    private const int MaxXmlBodyBytes = 4 * 1024 * 1024;

    /// <summary>The deepest element nesting read in an XML request body (S3's own documents need 4 levels).</summary>
    private const int MaxXmlDepth = 32;

    private static readonly string[] StoredHeaders = ["Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"];

    private readonly S3Service _service;
    private readonly ILogger _logger;
    private long _requests;

    public S3Endpoint(S3Service service, ILogger logger)
    {
        _service = service;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId:X4}{Interlocked.Increment(ref _requests):X12}");
        http.Response.Headers["x-amz-request-id"] = requestId;
        http.Response.Headers["x-amz-id-2"] = requestId;
        try
        {
            await DispatchAsync(http).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            await S3Xml.WriteErrorAsync(http, e, requestId).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await S3Xml.WriteErrorAsync(http, new AwsServiceException("IncompleteBody", e.Message, 400), requestId).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (IOException e) when (http.RequestAborted.IsCancellationRequested)
        {
            S3Log.ClientGone(_logger, e.Message);
        }
#pragma warning disable CA1031 // any other fault becomes S3's InternalError, and the server keeps serving.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var unavailable = Hosting.StoreFaults.Unavailable(e);
            if (unavailable is null)
                S3Log.Failed(_logger, e);
            await S3Xml.WriteErrorAsync(http, unavailable ?? new AwsServiceException("InternalError", "We encountered an internal error. Please try again.", 500, senderFault: false), requestId).ConfigureAwait(false);
        }
    }

    private Task DispatchAsync(HttpContext http)
    {
        var (bucket, key) = SplitPath(http);
        var method = http.Request.Method;
        var query = http.Request.Query;
        foreach (var name in Unsupported)
        {
            if (query.ContainsKey(name))
                throw S3Errors.NotImplemented($"?{name}");
        }

        if (bucket is null)
        {
            return HttpMethods.IsGet(method) ? ListBucketsAsync(http) : throw MethodNotAllowed(method);
        }

        if (key is null)
        {
            if (query.ContainsKey("uploads") || query.ContainsKey("uploadId"))
                throw S3Errors.NotImplemented("ListMultipartUploads");
            if (query.ContainsKey("notification"))
                return NotificationAsync(http, bucket);
            if (HttpMethods.IsPut(method))
                return CreateBucketAsync(http, bucket);
            if (HttpMethods.IsDelete(method))
                return DeleteBucketAsync(http, bucket);
            if (HttpMethods.IsHead(method))
                return HeadBucketAsync(http, bucket);
            if (HttpMethods.IsPost(method) && query.ContainsKey("delete"))
                return DeleteObjectsAsync(http, bucket);
            if (HttpMethods.IsGet(method))
            {
                if (query.ContainsKey("location"))
                    return GetBucketLocationAsync(http, bucket);
                return ListObjectsAsync(http, bucket, v2: query["list-type"] == "2");
            }

            throw MethodNotAllowed(method);
        }

        if (query.TryGetValue("uploadId", out var uploadId))
        {
            if (HttpMethods.IsPut(method) && !http.Request.Headers.ContainsKey("x-amz-copy-source"))
                return UploadPartAsync(http, bucket, key, uploadId.ToString());
            if (HttpMethods.IsPost(method))
                return CompleteMultipartUploadAsync(http, bucket, key, uploadId.ToString());
            if (HttpMethods.IsDelete(method))
                return AbortMultipartUploadAsync(http, bucket, key, uploadId.ToString());
            throw S3Errors.NotImplemented($"{method} ?uploadId");
        }

        if (HttpMethods.IsPost(method) && query.ContainsKey("uploads"))
            return CreateMultipartUploadAsync(http, bucket, key);
        if (query.ContainsKey("uploads"))
            throw S3Errors.NotImplemented("?uploads");
        if (HttpMethods.IsPut(method))
            return http.Request.Headers.ContainsKey("x-amz-copy-source") ? CopyObjectAsync(http, bucket, key) : PutObjectAsync(http, bucket, key);
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            return GetObjectAsync(http, bucket, key, HttpMethods.IsHead(method));
        if (HttpMethods.IsDelete(method))
            return DeleteObjectAsync(http, bucket, key);
        throw MethodNotAllowed(method);
    }

    /// <summary>
    /// Bucket and key from the raw request target, so that the key keeps what routing would normalize
    /// (<c>../</c>, <c>//</c>, <c>%2F</c>); the key is percent-decoded once.
    /// </summary>
    internal static (string? Bucket, string? Key) SplitPath(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        var path = q >= 0 ? raw[..q] : raw;
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Absolute-form target: the path starts after the authority.
            var slash = path.IndexOf('/', path.IndexOf("//", StringComparison.Ordinal) + 2);
            path = slash < 0 ? "/" : path[slash..];
        }

        path = path.TrimStart('/');
        if (path.Length == 0)
            return (null, null);
        var at = path.IndexOf('/', StringComparison.Ordinal);
        if (at < 0)
            return (Uri.UnescapeDataString(path), null);
        var bucket = Uri.UnescapeDataString(path[..at]);
        var key = path[(at + 1)..];
        return (bucket, key.Length == 0 ? null : Uri.UnescapeDataString(key));
    }

    // ---- buckets ----

    private async Task ListBucketsAsync(HttpContext http)
    {
        var buckets = await _service.ListBucketsAsync(http.RequestAborted).ConfigureAwait(false);
        await S3Xml.WriteAsync(http, "ListAllMyBucketsResult", xml =>
        {
            xml.WriteStartElement("Owner");
            xml.WriteElementString("ID", S3Service.OwnerId);
            xml.WriteElementString("DisplayName", "quickstep");
            xml.WriteEndElement();
            xml.WriteStartElement("Buckets");
            foreach (var b in buckets)
            {
                xml.WriteStartElement("Bucket");
                xml.WriteElementString("Name", b.Name);
                xml.WriteElementString("CreationDate", S3Service.Timestamp(b.CreationDate));
                xml.WriteElementString("BucketRegion", b.Region);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }).ConfigureAwait(false);
    }

    private async Task CreateBucketAsync(HttpContext http, string bucket)
    {
        await _service.CreateBucketAsync(bucket, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.Location = "/" + bucket;
        http.Response.StatusCode = 200;
        http.Response.ContentLength = 0;
    }

    private async Task DeleteBucketAsync(HttpContext http, string bucket)
    {
        await _service.DeleteBucketAsync(bucket, http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = 204;
    }

    private async Task HeadBucketAsync(HttpContext http, string bucket)
    {
        var record = await _service.GetBucketAsync(bucket, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers["x-amz-bucket-region"] = record.Region;
        http.Response.StatusCode = 200;
    }

    private async Task GetBucketLocationAsync(HttpContext http, string bucket)
    {
        var record = await _service.GetBucketAsync(bucket, http.RequestAborted).ConfigureAwait(false);
        // us-east-1 is the empty location constraint.
        await S3Xml.WriteAsync(http, "LocationConstraint", xml =>
        {
            if (record.Region != "us-east-1")
                xml.WriteString(record.Region);
        }).ConfigureAwait(false);
    }

    private async Task ListObjectsAsync(HttpContext http, string bucket, bool v2)
    {
        var query = http.Request.Query;
        var maxKeys = 1000;
        if (query.TryGetValue("max-keys", out var mk) && !int.TryParse(mk, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys))
            throw S3Errors.InvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", mk);
        var encodingType = query["encoding-type"].ToString();
        if (encodingType.Length > 0 && encodingType != "url")
            throw S3Errors.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
        var url = encodingType == "url";
        var prefix = query["prefix"].ToString();
        var delimiter = query.TryGetValue("delimiter", out var d) ? d.ToString() : null;
        var marker = v2 ? null : (query.TryGetValue("marker", out var m) ? m.ToString() : null);
        var request = new ListObjectsV2Request(bucket)
        {
            Prefix = prefix,
            Delimiter = delimiter,
            MaxKeys = maxKeys,
            ContinuationToken = v2 && query.TryGetValue("continuation-token", out var t) ? t.ToString() : null,
            StartAfter = v2 ? (query.TryGetValue("start-after", out var s) ? s.ToString() : null) : marker,
        };
        var page = await _service.ListObjectsV2Async(request, http.RequestAborted).ConfigureAwait(false);
        var fetchOwner = !v2 || query["fetch-owner"] == "true";
        string Enc(string value) => url ? UrlEncode(value) : value;
        await S3Xml.WriteAsync(http, "ListBucketResult", xml =>
        {
            xml.WriteElementString("Name", bucket);
            xml.WriteElementString("Prefix", Enc(prefix));
            if (v2)
            {
                if (request.ContinuationToken is { } token)
                    xml.WriteElementString("ContinuationToken", token);
                if (page.NextContinuationToken is { } next)
                    xml.WriteElementString("NextContinuationToken", next);
                if (request.StartAfter is { } startAfter)
                    xml.WriteElementString("StartAfter", Enc(startAfter));
                xml.WriteElementString("KeyCount", page.KeyCount.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                xml.WriteElementString("Marker", Enc(marker ?? string.Empty));
                // V1 gives NextMarker only with a delimiter; clients otherwise continue from the last key.
                if (page.IsTruncated && delimiter is { Length: > 0 })
                {
                    var last = LastOf(page);
                    if (last is not null)
                        xml.WriteElementString("NextMarker", Enc(last));
                }
            }

            xml.WriteElementString("MaxKeys", page.MaxKeys.ToString(CultureInfo.InvariantCulture));
            if (delimiter is not null)
                xml.WriteElementString("Delimiter", Enc(delimiter));
            if (url)
                xml.WriteElementString("EncodingType", "url");
            xml.WriteElementString("IsTruncated", page.IsTruncated ? "true" : "false");
            foreach (var c in page.Contents)
            {
                xml.WriteStartElement("Contents");
                xml.WriteElementString("Key", Enc(c.Key));
                xml.WriteElementString("LastModified", S3Service.Timestamp(c.LastModified));
                xml.WriteElementString("ETag", c.ETag);
                if (c.ChecksumAlgorithm is { } algorithm)
                {
                    xml.WriteElementString("ChecksumAlgorithm", algorithm);
                    xml.WriteElementString("ChecksumType", c.Checksum?.Contains('-', StringComparison.Ordinal) == true ? "COMPOSITE" : "FULL_OBJECT");
                }

                xml.WriteElementString("Size", c.Size.ToString(CultureInfo.InvariantCulture));
                if (fetchOwner)
                {
                    xml.WriteStartElement("Owner");
                    xml.WriteElementString("ID", S3Service.OwnerId);
                    xml.WriteElementString("DisplayName", "quickstep");
                    xml.WriteEndElement();
                }

                xml.WriteElementString("StorageClass", "STANDARD");
                xml.WriteEndElement();
            }

            foreach (var p in page.CommonPrefixes)
            {
                xml.WriteStartElement("CommonPrefixes");
                xml.WriteElementString("Prefix", Enc(p));
                xml.WriteEndElement();
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The last key or common prefix of a page, in key order.</summary>
    private static string? LastOf(ListObjectsV2Result page)
    {
        var key = page.Contents.Count > 0 ? page.Contents[^1].Key : null;
        var prefix = page.CommonPrefixes.Count > 0 ? page.CommonPrefixes[^1] : null;
        if (key is null)
            return prefix;
        if (prefix is null)
            return key;
        return string.CompareOrdinal(key, prefix) > 0 ? key : prefix;
    }

    /// <summary>encoding-type=url: percent-encoding as clients undo it (unquote_plus, decodeURIComponent); '/' stays.</summary>
    private static string UrlEncode(string value) => Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal);

    private async Task DeleteObjectsAsync(HttpContext http, string bucket)
    {
        var root = await ReadXmlAsync(http, "Delete").ConfigureAwait(false);
        var quiet = root.Elements().FirstOrDefault(e => e.Name.LocalName == "Quiet")?.Value.Trim() == "true";
        var keys = new List<string>();
        foreach (var o in root.Elements().Where(e => e.Name.LocalName == "Object"))
        {
            var key = o.Elements().FirstOrDefault(e => e.Name.LocalName == "Key")?.Value;
            if (string.IsNullOrEmpty(key))
                throw S3Errors.MalformedXml();
            keys.Add(key);
        }

        if (keys.Count is 0 or > 1000)
            throw S3Errors.MalformedXml();
        var deleted = await _service.DeleteObjectsAsync(bucket, keys, http.RequestAborted).ConfigureAwait(false);
        await S3Xml.WriteAsync(http, "DeleteResult", xml =>
        {
            if (quiet)
                return;
            foreach (var key in deleted)
            {
                xml.WriteStartElement("Deleted");
                xml.WriteElementString("Key", key);
                xml.WriteEndElement();
            }
        }).ConfigureAwait(false);
    }

    // ---- objects ----

    private async Task PutObjectAsync(HttpContext http, string bucket, string key)
    {
        var headers = http.Request.Headers;
        var incoming = Incoming(http.Request);
        ObjectWriteCondition? condition = null;
        if (headers.IfNoneMatch.ToString().Trim() == "*")
            condition = new ObjectWriteCondition(true, null);
        else if (headers.IfMatch.Count > 0)
            condition = new ObjectWriteCondition(false, headers.IfMatch.ToString());

        var result = await _service.PutObjectAsync(new PutObjectRequest
        {
            Bucket = bucket,
            Key = key,
            Body = incoming.Body,
            ContentType = headers.ContentType.ToString(),
            Metadata = UserMetadata(http.Request),
            Headers = StoredHeaderValues(http.Request, incoming.Encodings),
            ContentMd5 = incoming.ContentMd5,
            ChecksumAlgorithm = incoming.Algorithm,
            ExpectedChecksum = incoming.Checksum,
            ExpectedLength = incoming.Length,
            Condition = condition,
        }, http.RequestAborted).ConfigureAwait(false);
        WriteResultHeaders(http, result);
    }

    private static void WriteResultHeaders(HttpContext http, PutObjectResult result)
    {
        http.Response.Headers.ETag = result.ETag;
        http.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        if (result.ChecksumAlgorithm is { } alg && result.Checksum is { } checksum)
        {
            http.Response.Headers[ChecksumAlgorithms.HeaderName(alg)] = checksum;
            http.Response.Headers["x-amz-checksum-type"] = "FULL_OBJECT";
        }

        http.Response.StatusCode = 200;
        http.Response.ContentLength = 0;
    }

    /// <summary>
    /// An uploaded body: decoded from aws-chunked when it is, its length, Content-MD5, and the checksum — named by
    /// its header, by the trailer announced (its value comes after the bytes), or by x-amz-sdk-checksum-algorithm
    /// (then only computed).
    /// </summary>
    private static (Stream Body, string[] Encodings, long? Length, string? ContentMd5, string? Algorithm, Func<string?> Checksum) Incoming(HttpRequest request)
    {
        var headers = request.Headers;
        var encodings = headers.ContentEncoding.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sha = headers["x-amz-content-sha256"].ToString();
        var chunked = encodings.Contains("aws-chunked", StringComparer.OrdinalIgnoreCase) || sha.StartsWith("STREAMING-", StringComparison.Ordinal);
        long? length = chunked
            ? (long.TryParse(headers["x-amz-decoded-content-length"], NumberStyles.None, CultureInfo.InvariantCulture, out var decoded) ? decoded : null)
            : request.ContentLength;
        string? algorithm = null;
        string? headerValue = null;
        foreach (var a in ChecksumAlgorithms.All)
        {
            if (headers.TryGetValue(ChecksumAlgorithms.HeaderName(a), out var v))
            {
                algorithm = a;
                headerValue = v.ToString();
            }
        }

        var trailer = headers["x-amz-trailer"].ToString().Trim();
        if (algorithm is null && trailer.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase))
            algorithm = ChecksumAlgorithms.Normalize(trailer["x-amz-checksum-".Length..]) ?? throw S3Errors.InvalidRequest($"The value specified in the x-amz-trailer header is not supported: {trailer}");
        if (algorithm is null && headers.TryGetValue("x-amz-sdk-checksum-algorithm", out var sdk))
            algorithm = sdk.ToString();
        var chunks = chunked ? new AwsChunkedStream(request.Body) : null;
        var trailerName = algorithm is null ? null : ChecksumAlgorithms.HeaderName(ChecksumAlgorithms.Normalize(algorithm) ?? algorithm);
        return (
            chunks ?? request.Body,
            [.. encodings.Where(e => !e.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase))],
            length,
            headers.TryGetValue("Content-MD5", out var md5) ? md5.ToString() : null,
            algorithm,
            () => headerValue ?? (chunks is not null && trailerName is not null && chunks.Trailers.TryGetValue(trailerName, out var t) ? t : null));
    }

    private async Task CreateMultipartUploadAsync(HttpContext http, string bucket, string key)
    {
        var headers = http.Request.Headers;
        var upload = await _service.CreateMultipartUploadAsync(bucket, key, headers.ContentType.ToString(), UserMetadata(http.Request),
            StoredHeaderValues(http.Request, headers.ContentEncoding.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            Header(http, "x-amz-checksum-algorithm"), http.RequestAborted).ConfigureAwait(false);
        if (upload.ChecksumAlgorithm is { } algorithm)
        {
            http.Response.Headers["x-amz-checksum-algorithm"] = algorithm;
            http.Response.Headers["x-amz-checksum-type"] = "COMPOSITE";
        }

        await S3Xml.WriteAsync(http, "InitiateMultipartUploadResult", xml =>
        {
            xml.WriteElementString("Bucket", bucket);
            xml.WriteElementString("Key", key);
            xml.WriteElementString("UploadId", upload.UploadId);
        }).ConfigureAwait(false);
    }

    private async Task UploadPartAsync(HttpContext http, string bucket, string key, string uploadId)
    {
        if (!int.TryParse(http.Request.Query["partNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out var partNumber))
            throw S3Errors.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", http.Request.Query["partNumber"]);
        var incoming = Incoming(http.Request);
        var result = await _service.UploadPartAsync(new UploadPartRequest
        {
            Bucket = bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = partNumber,
            Body = incoming.Body,
            ContentMd5 = incoming.ContentMd5,
            ChecksumAlgorithm = incoming.Algorithm,
            ExpectedChecksum = incoming.Checksum,
            ExpectedLength = incoming.Length,
        }, http.RequestAborted).ConfigureAwait(false);
        WriteResultHeaders(http, result);
        http.Response.Headers.Remove("x-amz-checksum-type");
    }

    private async Task CompleteMultipartUploadAsync(HttpContext http, string bucket, string key, string uploadId)
    {
        var root = await ReadXmlAsync(http, "CompleteMultipartUpload").ConfigureAwait(false);
        var parts = new List<CompletedPart>();
        foreach (var p in root.Elements().Where(e => e.Name.LocalName == "Part"))
        {
            var number = p.Elements().FirstOrDefault(e => e.Name.LocalName == "PartNumber")?.Value;
            var etag = p.Elements().FirstOrDefault(e => e.Name.LocalName == "ETag")?.Value;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || etag is null)
                throw S3Errors.MalformedXml();
            parts.Add(new CompletedPart(n, etag));
        }

        var result = await _service.CompleteMultipartUploadAsync(bucket, key, uploadId, parts, http.RequestAborted).ConfigureAwait(false);
        await S3Xml.WriteAsync(http, "CompleteMultipartUploadResult", xml =>
        {
            xml.WriteElementString("Location", $"{http.Request.Scheme}://{http.Request.Host}/{bucket}/{Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal)}");
            xml.WriteElementString("Bucket", bucket);
            xml.WriteElementString("Key", key);
            xml.WriteElementString("ETag", result.ETag);
            if (result.ChecksumAlgorithm is { } alg && result.Checksum is { } checksum)
            {
                xml.WriteElementString("Checksum" + alg, checksum);
                xml.WriteElementString("ChecksumType", "COMPOSITE");
            }
        }).ConfigureAwait(false);
    }

    private async Task AbortMultipartUploadAsync(HttpContext http, string bucket, string key, string uploadId)
    {
        await _service.AbortMultipartUploadAsync(bucket, key, uploadId, http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = 204;
    }

    /// <summary>PutBucketNotificationConfiguration / GetBucketNotificationConfiguration (the document as stored).</summary>
    private async Task NotificationAsync(HttpContext http, string bucket)
    {
        if (HttpMethods.IsPut(http.Request.Method))
        {
            var root = await ReadXmlAsync(http, "NotificationConfiguration").ConfigureAwait(false);
            await _service.PutBucketNotificationConfigurationAsync(bucket, root.ToString(), http.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(http.Request.Method))
            throw MethodNotAllowed(http.Request.Method);
        var xml = await _service.GetBucketNotificationConfigurationAsync(bucket, http.RequestAborted).ConfigureAwait(false);
        http.Response.ContentType = "application/xml";
        await http.Response.WriteAsync(xml, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The root element of an XML request body named <paramref name="rootName"/> (no DTDs), or MalformedXML.</summary>
    private static async Task<XElement> ReadXmlAsync(HttpContext http, string rootName)
    {
        // Bounded like every other body: S3's largest XML request (CompleteMultipartUpload, 10,000 parts) fits in 4 MiB.
        var body = await Hosting.RequestBody.ReadAsync(http, MaxXmlBodyBytes).ConfigureAwait(false)
            ?? throw new AwsServiceException("MaxMessageLengthExceeded", "Your request was too big.", 400);
        XDocument doc;
        try
        {
            var bytes = body.ToArray();
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            // S3's request documents are a few levels deep; XmlReader and XDocument slow down more than linearly with
            // depth (100,000 nested elements took minutes), so a deeper document is refused before it is loaded.
            using (var scanned = new MemoryStream(bytes, writable: false))
            using (var scan = XmlReader.Create(scanned, settings))
            {
                while (scan.Read())
                {
                    if (scan.Depth > MaxXmlDepth)
                        throw S3Errors.MalformedXml();
                }
            }

            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            doc = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException)
        {
            throw S3Errors.MalformedXml();
        }

        if (doc.Root is not { } root || root.Name.LocalName != rootName)
            throw S3Errors.MalformedXml();
        return root;
    }

    private async Task CopyObjectAsync(HttpContext http, string bucket, string key)
    {
        var headers = http.Request.Headers;
        var (sourceBucket, sourceKey) = S3Service.ParseCopySource(headers["x-amz-copy-source"].ToString());
        var directive = headers["x-amz-metadata-directive"].ToString();
        if (directive.Length > 0 && directive is not ("COPY" or "REPLACE"))
            throw S3Errors.InvalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
        var result = await _service.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = sourceBucket,
            SourceKey = sourceKey,
            Bucket = bucket,
            Key = key,
            ReplaceMetadata = directive == "REPLACE",
            ContentType = headers.ContentType.ToString(),
            Metadata = UserMetadata(http.Request),
            Headers = StoredHeaderValues(http.Request, headers.ContentEncoding.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            SourceConditions = new ObjectConditions(
                Header(http, "x-amz-copy-source-if-match"),
                Header(http, "x-amz-copy-source-if-none-match"),
                HttpDate(Header(http, "x-amz-copy-source-if-modified-since")),
                HttpDate(Header(http, "x-amz-copy-source-if-unmodified-since"))),
        }, http.RequestAborted).ConfigureAwait(false);
        await S3Xml.WriteAsync(http, "CopyObjectResult", xml =>
        {
            xml.WriteElementString("ETag", result.ETag);
            xml.WriteElementString("LastModified", S3Service.Timestamp(result.LastModified));
            if (result.ChecksumAlgorithm is { } alg && result.Checksum is { } checksum)
            {
                xml.WriteElementString("ChecksumType", "FULL_OBJECT");
                xml.WriteElementString("Checksum" + alg, checksum);
            }
        }).ConfigureAwait(false);
    }

    private async Task GetObjectAsync(HttpContext http, string bucket, string key, bool head)
    {
        var headers = http.Request.Headers;
        var conditions = new ObjectConditions(
            headers.IfMatch.Count > 0 ? headers.IfMatch.ToString() : null,
            headers.IfNoneMatch.Count > 0 ? headers.IfNoneMatch.ToString() : null,
            HttpDate(headers.IfModifiedSince.ToString()),
            HttpDate(headers.IfUnmodifiedSince.ToString()));
        if (head)
        {
            var record = await _service.HeadObjectAsync(bucket, key, conditions, http.RequestAborted).ConfigureAwait(false);
            var range = ObjectRange.Resolve(headers.Range.ToString(), record.Size);
            WriteObjectHeaders(http, record, range);
            return;
        }

        await using var opened = await _service.GetObjectAsync(bucket, key, conditions, headers.Range.ToString(), http.RequestAborted).ConfigureAwait(false);
        WriteObjectHeaders(http, opened.Record, opened.Range);
        var remaining = opened.Range?.Length ?? opened.Record.Size;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (remaining > 0)
            {
                var n = await opened.Content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), http.RequestAborted).ConfigureAwait(false);
                if (n == 0)
                    throw new IOException($"The body of '{key}' ended {remaining} bytes early.");
                await http.Response.Body.WriteAsync(buffer.AsMemory(0, n), http.RequestAborted).ConfigureAwait(false);
                remaining -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void WriteObjectHeaders(HttpContext http, ObjectRecord record, ObjectRange? range)
    {
        var response = http.Response;
        var query = http.Request.Query;
        response.StatusCode = range is null ? 200 : 206;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = record.ETag;
        response.Headers.LastModified = record.LastModified.ToString("r", CultureInfo.InvariantCulture);
        response.ContentType = Override(query, "response-content-type") ?? record.ContentType;
        response.ContentLength = range?.Length ?? record.Size;
        if (range is { } r)
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {r.Start}-{r.End}/{record.Size}");
        foreach (var (name, value) in record.Headers)
            response.Headers[name] = value;
        foreach (var (param, header) in new[] { ("response-cache-control", "Cache-Control"), ("response-content-disposition", "Content-Disposition"), ("response-content-encoding", "Content-Encoding"), ("response-content-language", "Content-Language"), ("response-expires", "Expires") })
        {
            if (Override(query, param) is { } value)
                response.Headers[header] = value;
        }

        foreach (var (name, value) in record.Metadata)
            response.Headers["x-amz-meta-" + name] = value;
        response.Headers["x-amz-server-side-encryption"] = "AES256";
        // The full object's checksum, when asked for: a range has none (S3 sends none either).
        if (range is null && record.ChecksumAlgorithm is { } algorithm && record.Checksum is { } checksum && !checksum.Contains('-', StringComparison.Ordinal)
            && string.Equals(http.Request.Headers["x-amz-checksum-mode"], "ENABLED", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers[ChecksumAlgorithms.HeaderName(algorithm)] = checksum;
            response.Headers["x-amz-checksum-type"] = "FULL_OBJECT";
        }
    }

    private async Task DeleteObjectAsync(HttpContext http, string bucket, string key)
    {
        await _service.DeleteObjectAsync(bucket, key, http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = 204;
    }

    // ---- headers ----

    private static List<KeyValuePair<string, string>> UserMetadata(HttpRequest request)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in request.Headers)
        {
            if (name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) && name.Length > "x-amz-meta-".Length)
                list.Add(new(name["x-amz-meta-".Length..].ToLowerInvariant(), value.ToString()));
        }

        return list;
    }

    private static List<KeyValuePair<string, string>> StoredHeaderValues(HttpRequest request, IEnumerable<string> contentEncodings)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var name in StoredHeaders)
        {
            if (name == "Content-Encoding")
            {
                var encoding = string.Join(",", contentEncodings);
                if (encoding.Length > 0)
                    list.Add(new(name, encoding));
            }
            else if (request.Headers.TryGetValue(name, out var value) && value.Count > 0)
            {
                list.Add(new(name, value.ToString()));
            }
        }

        return list;
    }

    private static string? Header(HttpContext http, string name) =>
        http.Request.Headers.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;

    private static string? Override(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;

    private static DateTimeOffset? HttpDate(string? text) =>
        !string.IsNullOrEmpty(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private static AwsServiceException MethodNotAllowed(string method) =>
        new("MethodNotAllowed", $"The specified method is not allowed against this resource: {method}", 405);
}
