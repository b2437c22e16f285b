using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Quickstep.Aws;
using Quickstep.Aws.Signing;
using Quickstep.Json;

namespace Quickstep.Integrations.Forwarding;

/// <summary>
/// Calls S3 (REST-XML, path-style <c>ENDPOINT/BUCKET/KEY</c>) at a forwarding endpoint for the operations workflows use
/// most: CreateBucket, DeleteBucket, PutObject, GetObject, HeadObject, DeleteObject and ListObjectsV2. Object bodies
/// are UTF-8 text, as an SDK integration passes them. Other operations fail with <c>UnsupportedOperation</c>.
/// </summary>
public sealed class S3Forwarder : IAwsService
{
    private static readonly HashSet<string> NumberMembers = new(StringComparer.Ordinal) { "Size", "KeyCount", "MaxKeys" };
    private static readonly HashSet<string> BoolMembers = new(StringComparer.Ordinal) { "IsTruncated" };

    private readonly ForwardingHttp _http;

    public S3Forwarder(ForwardingEndpoint target, HttpClient http, TimeProvider? time = null) =>
        _http = new ForwardingHttp("s3", target, http, time);

    public string SigningName => "s3";

    public async ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var bucket = Text(input, "Bucket") ?? throw new AwsServiceException("InvalidRequest", "Bucket is required.");
        var headers = new List<KeyValuePair<string, string>>();
        byte[] body = [];
        string? contentType = null;
        HttpMethod method;
        var path = "/" + SigV4.UriEncode(bucket);
        var query = string.Empty;
        switch (operation)
        {
            case "CreateBucket":
                method = HttpMethod.Put;
                if (input["CreateBucketConfiguration"] is JObject { } configuration && Text(configuration, "LocationConstraint") is { } location)
                {
                    body = Encoding.UTF8.GetBytes($"<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>{System.Security.SecurityElement.Escape(location)}</LocationConstraint></CreateBucketConfiguration>");
                    contentType = "application/xml";
                }

                break;
            case "DeleteBucket":
                method = HttpMethod.Delete;
                break;
            case "ListObjectsV2":
                method = HttpMethod.Get;
                var parameters = new List<string> { "list-type=2" };
                foreach (var (member, name) in new[] { ("Prefix", "prefix"), ("Delimiter", "delimiter"), ("ContinuationToken", "continuation-token"), ("StartAfter", "start-after"), ("MaxKeys", "max-keys") })
                {
                    if (input[member] is { } value and not JNull)
                        parameters.Add(name + "=" + SigV4.UriEncode(value is JString s ? s.Value : JsonText.Serialize(value)));
                }

                query = "?" + string.Join('&', parameters);
                break;
            case "PutObject" or "GetObject" or "HeadObject" or "DeleteObject":
                var key = Text(input, "Key") ?? throw new AwsServiceException("InvalidRequest", "Key is required.");
                path += "/" + SigV4.UriEncode(key, encodeSlash: false);
                method = operation switch
                {
                    "PutObject" => HttpMethod.Put,
                    "DeleteObject" => HttpMethod.Delete,
                    "HeadObject" => HttpMethod.Head,
                    _ => HttpMethod.Get,
                };
                if (operation == "PutObject")
                {
                    body = input["Body"] switch
                    {
                        JString s => Encoding.UTF8.GetBytes(s.Value),
                        null or JNull => [],
                        var other => Encoding.UTF8.GetBytes(JsonText.Serialize(other)),
                    };
                    contentType = Text(input, "ContentType") ?? "application/octet-stream";
                    if (input["Metadata"] is JObject metadata)
                    {
                        foreach (var (name, value) in metadata)
                            headers.Add(new("x-amz-meta-" + name, value is JString s ? s.Value : JsonText.Serialize(value)));
                    }
                }

                if (operation == "GetObject" && Text(input, "Range") is { } range)
                    headers.Add(new("Range", range));
                break;
            default:
                throw new AwsServiceException("UnsupportedOperation", $"Forwarding S3 supports CreateBucket, DeleteBucket, PutObject, GetObject, HeadObject, DeleteObject and ListObjectsV2, not {operation}.");
        }

        var (response, bytes) = await _http.SendAsync(method, path + query, body, contentType, headers, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw Error(response, bytes, operation);
            var output = new JObjectBuilder();
            switch (operation)
            {
                case "CreateBucket":
                    if (response.Headers.Location is { } where)
                        output.Set("Location", JString.Create(where.OriginalString));
                    break;
                case "PutObject":
                    SetHeader(output, "ETag", response.Headers.ETag?.ToString());
                    break;
                case "GetObject" or "HeadObject":
                    if (operation == "GetObject")
                        output.Set("Body", JString.Create(Encoding.UTF8.GetString(bytes)));
                    output.Set("ContentLength", JNumber.Create(response.Content.Headers.ContentLength ?? bytes.Length));
                    SetHeader(output, "ContentType", response.Content.Headers.ContentType?.ToString());
                    SetHeader(output, "ETag", response.Headers.ETag?.ToString());
                    SetHeader(output, "LastModified", response.Content.Headers.LastModified?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                    var meta = new JObjectBuilder();
                    foreach (var (name, values) in response.Headers)
                    {
                        if (name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase))
                            meta.Set(name["x-amz-meta-".Length..].ToLowerInvariant(), JString.Create(string.Join(',', values)));
                    }

                    output.Set("Metadata", meta.Build());
                    break;
                case "ListObjectsV2":
                    return ListOutput(XElement.Parse(Encoding.UTF8.GetString(bytes)));
            }

            return output.Build();
        }
    }

    private static JObject ListOutput(XElement root)
    {
        var output = new JObjectBuilder();
        var contents = new List<JValue>();
        var prefixes = new List<JValue>();
        foreach (var child in root.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "Contents":
                    contents.Add(Structure(child));
                    break;
                case "CommonPrefixes":
                    prefixes.Add(Structure(child));
                    break;
                default:
                    output.Set(child.Name.LocalName, Scalar(child));
                    break;
            }
        }

        if (contents.Count > 0)
            output.Set("Contents", JArray.Own([.. contents]));
        if (prefixes.Count > 0)
            output.Set("CommonPrefixes", JArray.Own([.. prefixes]));
        return output.Build();
    }

    private static JObject Structure(XElement element)
    {
        var builder = new JObjectBuilder();
        foreach (var child in element.Elements())
            builder.Set(child.Name.LocalName, child.HasElements ? Structure(child) : Scalar(child));
        return builder.Build();
    }

    private static JValue Scalar(XElement element)
    {
        var name = element.Name.LocalName;
        if (NumberMembers.Contains(name) && long.TryParse(element.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            return JNumber.Create(n);
        if (BoolMembers.Contains(name))
            return JValue.FromBool(element.Value == "true");
        return JString.Create(element.Value);
    }

    private static AwsServiceException Error(HttpResponseMessage response, byte[] bytes, string operation)
    {
        var status = (int)response.StatusCode;
        if (bytes.Length > 0)
        {
            try
            {
                var root = XElement.Parse(Encoding.UTF8.GetString(bytes));
                var code = root.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                if (code is not null)
                    return new AwsServiceException(code, root.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? string.Empty, status, status < 500);
            }
            catch (System.Xml.XmlException)
            {
                // Not S3's error document: fall through to the status.
            }
        }

        // HEAD answers carry no body: S3's SDKs name the error after the status.
        return status switch
        {
            404 => new AwsServiceException(operation == "HeadObject" ? "NotFound" : "NoSuchKey", "Not Found", 404),
            403 => new AwsServiceException("Forbidden", "Forbidden", 403),
            _ => ForwardingHttp.Unrecognized(response),
        };
    }

    private static void SetHeader(JObjectBuilder output, string member, string? value)
    {
        if (value is not null)
            output.Set(member, JString.Create(value));
    }

    private static string? Text(JObject input, string member) => input[member] is JString s ? s.Value : null;
}
