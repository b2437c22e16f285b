using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Quickstep.Aws.Signing;

/// <summary>
/// The pieces of AWS Signature Version 4 that signing and verifying share: the canonical request, the string to
/// sign, the derived key and the signature
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Payload hash S3 accepts instead of the body's (presigned URLs, or a client that chose not to hash).</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>SHA-256 of the empty string.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public const string DateHeader = "x-amz-date";

    public const string ContentSha256Header = "x-amz-content-sha256";

    public const string SecurityTokenHeader = "x-amz-security-token";

    /// <summary>How far a request's time may be from the server's, either way, as AWS allows.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>ISO 8601 basic form, <c>20150830T123600Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseTimestamp(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>RFC 3986 percent-encoding of everything but the unreserved characters (and <c>/</c> unless <paramref name="encodeSlash"/>).</summary>
    public static string UriEncode(string value, bool encodeSlash = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? sb = null;
        var bytes = Encoding.UTF8.GetBytes(value);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var keep = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.' || b == '~' || (b == '/' && !encodeSlash);
            if (keep && sb is null)
                continue;
            if (sb is null)
            {
                sb = new StringBuilder(value.Length + 16);
                sb.Append(Encoding.UTF8.GetString(bytes, 0, i));
            }

            if (keep)
                sb.Append((char)b);
            else
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return sb?.ToString() ?? value;
    }

    /// <summary>
    /// The canonical URI of a path given as sent on the wire (percent-encoded once). S3 signs it as it is
    /// (normalized to AWS's encoding); every other service encodes each segment once more.
    /// </summary>
    public static string CanonicalUri(string encodedPath, bool s3)
    {
        if (string.IsNullOrEmpty(encodedPath))
            return "/";
        var segments = encodedPath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var once = UriEncode(Uri.UnescapeDataString(segments[i]));
            segments[i] = s3 ? once : UriEncode(once);
        }

        return string.Join('/', segments);
    }

    /// <summary>Sorted <c>key=value</c> pairs joined by <c>&amp;</c>, each side encoded; the pairs are decoded values.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var encoded = new List<(string Key, string Value)>();
        foreach (var (key, value) in parameters)
            encoded.Add((UriEncode(key), UriEncode(value)));
        encoded.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Key, b.Key);
            return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
        });
        var sb = new StringBuilder();
        foreach (var (key, value) in encoded)
        {
            if (sb.Length > 0)
                sb.Append('&');
            sb.Append(key).Append('=').Append(value);
        }

        return sb.ToString();
    }

    /// <summary>Splits a raw query string (<c>a=1&amp;b=%2F</c>) into decoded pairs; a key without <c>=</c> has an empty value.</summary>
    public static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(rawQuery))
            return result;
        var query = rawQuery[0] == '?' ? rawQuery[1..] : rawQuery;
        foreach (var part in query.Split('&'))
        {
            if (part.Length == 0)
                continue;
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            result.Add(new(Uri.UnescapeDataString(key), Uri.UnescapeDataString(value)));
        }

        return result;
    }

    /// <summary>A header value as canonical headers carry it: trimmed, inner runs of spaces collapsed to one.</summary>
    public static string CanonicalHeaderValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
            return trimmed;
        var sb = new StringBuilder(trimmed.Length);
        var space = false;
        foreach (var c in trimmed)
        {
            if (c == ' ')
            {
                if (!space)
                    sb.Append(c);
                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>METHOD\nURI\nQUERY\nheaders\n\nsigned;headers\npayloadHash</c>; <paramref name="headers"/> are the
    /// signed headers only, names in lower case, values already canonical, sorted by name.
    /// </summary>
    public static string CanonicalRequest(string method, string canonicalUri, string canonicalQuery, IReadOnlyList<KeyValuePair<string, string>> headers, string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var sb = new StringBuilder(256);
        sb.Append(method).Append('\n').Append(canonicalUri).Append('\n').Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in headers)
            sb.Append(name).Append(':').Append(value).Append('\n');
        sb.Append('\n').Append(SignedHeaders(headers)).Append('\n').Append(payloadHash);
        return sb.ToString();
    }

    public static string SignedHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var sb = new StringBuilder();
        foreach (var (name, _) in headers)
        {
            if (sb.Length > 0)
                sb.Append(';');
            sb.Append(name);
        }

        return sb.ToString();
    }

    /// <summary><c>DATE/REGION/SERVICE/aws4_request</c>.</summary>
    public static string Scope(string date, string region, string service) => $"{date}/{region}/{service}/aws4_request";

    public static string StringToSign(string timestamp, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{timestamp}\n{scope}\n{Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest))}";

    /// <summary>HMAC chain <c>AWS4+secret → date → region → service → aws4_request</c>.</summary>
    public static byte[] DeriveSigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    public static string Signature(byte[] signingKey, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
