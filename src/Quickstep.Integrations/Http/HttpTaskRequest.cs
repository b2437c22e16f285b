using Quickstep.Json;

namespace Quickstep.Integrations.Http;

/// <summary>An HTTP Task's arguments, checked (https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html, "HTTP Task fields").</summary>
internal sealed record HttpTaskRequest(
    Uri Endpoint,
    string Method,
    string ConnectionArn,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    JValue? Body,
    bool UrlEncoded,
    string ArrayFormat)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];

    // Headers an HTTP Task may not set (the developer guide's list, plus the prefixes x-forwarded-, x-amz-, x-amzn-).
    private static readonly HashSet<string> ForbiddenHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "A-IM", "Accept-Charset", "Accept-Datetime", "Accept-Encoding", "Cache-Control", "Connection", "Content-Encoding",
        "Content-MD5", "Date", "Expect", "Forwarded", "From", "Host", "HTTP2-Settings", "If-Match", "If-Modified-Since",
        "If-None-Match", "If-Range", "If-Unmodified-Since", "Max-Forwards", "Origin", "Pragma", "Proxy-Authorization",
        "Referer", "Server", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Via", "Warning",
    };

    /// <summary>The request, or the reason it cannot be made (the Task then fails with States.Runtime).</summary>
    public static HttpTaskRequest? Parse(JValue parameters, out string? problem)
    {
        problem = null;
        if (parameters is not JObject p)
            return Fail("The HTTP Task's Parameters must be an object.", out problem);
        if (p["ApiEndpoint"] is not JString { Value: var endpointText })
            return Fail("The field 'ApiEndpoint' is required and must be a string.", out problem);
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            return Fail($"The ApiEndpoint '{endpointText}' is not a valid http(s) URL.", out problem);
        if (p["Method"] is not JString { Value: var method } || Array.IndexOf(Methods, method) < 0)
            return Fail($"The field 'Method' must be one of {string.Join(", ", Methods)}.", out problem);

        var connection = (p["Authentication"] as JObject)?["ConnectionArn"] as JString ?? (p["InvocationConfig"] as JObject)?["ConnectionArn"] as JString;
        if (connection is null)
            return Fail("The field 'Authentication.ConnectionArn' is required: an HTTP Task authorizes through an EventBridge connection.", out problem);

        var headers = new List<KeyValuePair<string, string>>();
        if (p["Headers"] is { IsNull: false } h)
        {
            if (h is not JObject ho)
                return Fail("The field 'Headers' must be an object.", out problem);
            foreach (var (name, value) in ho)
            {
                if (ForbiddenHeaders.Contains(name) || name.StartsWith("x-forwarded-", StringComparison.OrdinalIgnoreCase)
                    || name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("x-amzn-", StringComparison.OrdinalIgnoreCase))
                    return Fail($"The header '{name}' is not allowed in an HTTP Task.", out problem);
                headers.Add(new(name, value is JArray a ? string.Join(",", a.Select(FormUrlEncoder.Scalar)) : FormUrlEncoder.Scalar(value)));
            }
        }

        var query = new List<KeyValuePair<string, string>>();
        if (p["QueryParameters"] is { IsNull: false } q)
        {
            if (q is not JObject qo)
                return Fail("The field 'QueryParameters' must be an object.", out problem);
            foreach (var (name, value) in qo)
            {
                if (value is JArray items)
                {
                    foreach (var item in items)
                        query.Add(new(name, FormUrlEncoder.Scalar(item)));
                }
                else
                {
                    query.Add(new(name, FormUrlEncoder.Scalar(value)));
                }
            }
        }

        var urlEncoded = false;
        var arrayFormat = FormUrlEncoder.Indices;
        if (p["Transform"] is JObject transform)
        {
            switch (transform["RequestBodyEncoding"])
            {
                case null or JString { Value: "NONE" }:
                    break;
                case JString { Value: "URL_ENCODED" }:
                    urlEncoded = true;
                    break;
                default:
                    return Fail("The field 'Transform.RequestBodyEncoding' must be NONE or URL_ENCODED.", out problem);
            }

            if ((transform["RequestEncodingOptions"] as JObject)?["ArrayFormat"] is { } format)
            {
                if (format is not JString { Value: var f } || !FormUrlEncoder.IsArrayFormat(f))
                    return Fail("The field 'Transform.RequestEncodingOptions.ArrayFormat' must be INDICES, REPEAT, COMMAS or BRACKETS.", out problem);
                arrayFormat = f;
            }
        }

        var body = p["RequestBody"] is { IsNull: false } b ? b : null;
        if (urlEncoded && body is not null and not JObject)
            return Fail("A URL_ENCODED RequestBody must be a JSON object.", out problem);
        return new HttpTaskRequest(endpoint, method, connection.Value, headers, query, body, urlEncoded, arrayFormat);
    }

    private static HttpTaskRequest? Fail(string message, out string? problem)
    {
        problem = message;
        return null;
    }
}
