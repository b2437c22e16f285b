using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Quickstep.Aws.Signing;

/// <summary>
/// Checks a received request's Signature Version 4, in the Authorization header or as a presigned query
/// (<c>X-Amz-Algorithm</c>, <c>X-Amz-Credential</c>, <c>X-Amz-Date</c>, <c>X-Amz-Expires</c>,
/// <c>X-Amz-SignedHeaders</c>, <c>X-Amz-Signature</c>): recomputes the signature with the secret of the
/// access key from the server's own view of the request and compares; refuses times more than 15 minutes off.
/// </summary>
public sealed class SigV4Verifier
{
    private const int MaxCachedKeys = 1024;

    private readonly Func<string, AwsCredentials?> _credentials;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string AccessKeyId, string Secret, string Date, string Region, string Service), byte[]> _keys = new();

    /// <param name="credentials">The known credentials by access key id (null: unknown).</param>
    public SigV4Verifier(Func<string, AwsCredentials?> credentials, TimeProvider time)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>True when the request carries a presigned query rather than an Authorization header.</summary>
    public static bool IsPresigned(SigV4Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Header("authorization") is null && request.RawQuery.Contains("X-Amz-Signature=", StringComparison.Ordinal);
    }

    /// <param name="payloadHash">
    /// The hash the request was signed with: the body's SHA-256 in hex, or the value of <c>x-amz-content-sha256</c>
    /// where the service takes it (S3: also <c>UNSIGNED-PAYLOAD</c>, which presigned URLs always use).
    /// </param>
    public SigV4Result Verify(SigV4Request request, string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Header("authorization");
        var query = SigV4.ParseQuery(request.RawQuery);
        return authorization is not null
            ? VerifyHeader(request, authorization, query, payloadHash)
            : VerifyPresigned(request, query, payloadHash);
    }

    private SigV4Result VerifyHeader(SigV4Request request, string authorization, List<KeyValuePair<string, string>> query, string payloadHash)
    {
        if (!authorization.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            return new(SigV4Status.Incomplete, authorization.StartsWith("AWS4-", StringComparison.Ordinal)
                ? "Unsupported AWS 'algorithm': '" + authorization.Split(' ')[0] + "'."
                : "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + authorization);
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in authorization[(SigV4.Algorithm.Length + 1)..].Split(','))
        {
            var item = part.Trim();
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                continue;
            var value = item[(eq + 1)..];
            switch (item[..eq])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        var timestampText = request.Header(SigV4.DateHeader) ?? request.Header("date");
        var missing = Missing((credential, "Credential"), (signedHeaders, "SignedHeaders"), (signature, "Signature"), (timestampText, "X-Amz-Date"));
        if (missing.Count > 0)
        {
            return new(SigV4Status.Incomplete,
                $"Authorization header requires '{string.Join("', '", missing)}' parameter{(missing.Count > 1 ? "s" : "")}. Authorization={authorization}");
        }

        return Check(request, query, credential!, signedHeaders!, signature!, timestampText!, expires: null, payloadHash);
    }

    /// <summary>The names of the parameters that are absent, in the order given.</summary>
    private SigV4Result VerifyPresigned(SigV4Request request, List<KeyValuePair<string, string>> query, string payloadHash)
    {
        string? algorithm = null, credential = null, timestamp = null, expires = null, signedHeaders = null, signature = null;
        var signedQuery = new List<KeyValuePair<string, string>>(query.Count);
        foreach (var pair in query)
        {
            switch (pair.Key)
            {
                case "X-Amz-Algorithm": algorithm = pair.Value; break;
                case "X-Amz-Credential": credential = pair.Value; break;
                case "X-Amz-Date": timestamp = pair.Value; break;
                case "X-Amz-Expires": expires = pair.Value; break;
                case "X-Amz-SignedHeaders": signedHeaders = pair.Value; break;
                case "X-Amz-Signature": signature = pair.Value; continue;
            }

            signedQuery.Add(pair);
        }

        if (algorithm is null && credential is null && signature is null)
            return new(SigV4Status.Missing, "Missing Authentication Token");
        if (algorithm != SigV4.Algorithm)
            return new(SigV4Status.Incomplete, algorithm is null ? "Query-string authentication requires the X-Amz-Algorithm parameter." : $"Unsupported X-Amz-Algorithm: '{algorithm}'.");
        var missing = Missing((credential, "X-Amz-Credential"), (signedHeaders, "X-Amz-SignedHeaders"), (signature, "X-Amz-Signature"), (timestamp, "X-Amz-Date"));
        if (missing.Count > 0)
            return new(SigV4Status.Incomplete, $"Query-string authentication version 4 requires the {string.Join(", ", missing)} parameters.");
        TimeSpan? lifetime = null;
        if (expires is not null)
        {
            if (!int.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 604800)
                return new(SigV4Status.Incomplete, "X-Amz-Expires must be a number of seconds between 1 and 604800.");
            lifetime = TimeSpan.FromSeconds(seconds);
        }

        return Check(request, signedQuery, credential!, signedHeaders!, signature!, timestamp!, lifetime, payloadHash);
    }

    /// <summary>The names of the required parameters that were not given, in the order AWS lists them.</summary>
    private static List<string> Missing(params ReadOnlySpan<(string? Value, string Name)> parameters)
    {
        var missing = new List<string>();
        foreach (var (value, name) in parameters)
        {
            if (value is null)
                missing.Add(name);
        }

        return missing;
    }

    private SigV4Result Check(SigV4Request request, List<KeyValuePair<string, string>> query, string credential, string signedHeaders, string signature,
        string timestampText, TimeSpan? expires, string payloadHash)
    {
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request" || scope[0].Length == 0)
        {
            return new(SigV4Status.Incomplete,
                $"Credential should be scoped to a valid region and service, like 'AKID/20150830/us-east-1/sqs/aws4_request'. Credential={credential}");
        }

        var (accessKeyId, date, region, service) = (scope[0], scope[1], scope[2], scope[3]);
        if (!SigV4.TryParseTimestamp(timestampText, out var time))
        {
            if (!DateTimeOffset.TryParse(timestampText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
                return new(SigV4Status.Incomplete, $"Invalid X-Amz-Date '{timestampText}': it must be in the form 20150830T123600Z.", accessKeyId, region, service);
            timestampText = SigV4.FormatTimestamp(time);
        }

        if (_credentials(accessKeyId) is not { } known)
            return new(SigV4Status.UnknownAccessKey, "The security token included in the request is invalid.", accessKeyId, region, service);

        var now = _time.GetUtcNow();
        if (expires is { } lifetime)
        {
            if (now > time + lifetime)
                return new(SigV4Status.Expired, $"Request has expired: X-Amz-Date {timestampText} plus X-Amz-Expires {(int)lifetime.TotalSeconds} is before {SigV4.FormatTimestamp(now)}.", accessKeyId, region, service);
            if (time - now > SigV4.MaxClockSkew)
                return new(SigV4Status.TimeSkewed, Skew(timestampText, time, now), accessKeyId, region, service);
        }
        else if ((now - time).Duration() > SigV4.MaxClockSkew)
        {
            return new(SigV4Status.TimeSkewed, Skew(timestampText, time, now), accessKeyId, region, service);
        }

        if (date != timestampText[..8])
        {
            return new(SigV4Status.SignatureMismatch,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{date}' != '{timestampText[..8]}', from '{timestampText}'.", accessKeyId, region, service);
        }

        var names = signedHeaders.Split(';');
        var headers = new List<KeyValuePair<string, string>>(names.Length);
        foreach (var name in names)
            headers.Add(new(name, SigV4.CanonicalHeaderValue(request.Header(name) ?? string.Empty)));
        var canonical = SigV4.CanonicalRequest(request.Method, SigV4.CanonicalUri(request.RawPath, service == "s3"), SigV4.CanonicalQuery(query), headers, payloadHash);
        var stringToSign = SigV4.StringToSign(timestampText, SigV4.Scope(date, region, service), canonical);
        var key = SigningKey(known, date, region, service);
        var expected = SigV4.Signature(key, stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return new(SigV4Status.SignatureMismatch,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
                accessKeyId, region, service);
        }

        return new(SigV4Status.Valid, string.Empty, accessKeyId, region, service);
    }

    private static string Skew(string timestamp, DateTimeOffset time, DateTimeOffset now) => time > now
        ? $"Signature not yet current: {timestamp} is still later than {SigV4.FormatTimestamp(now + SigV4.MaxClockSkew)} ({SigV4.FormatTimestamp(now)} + 15 min.)"
        : $"Signature expired: {timestamp} is now earlier than {SigV4.FormatTimestamp(now - SigV4.MaxClockSkew)} ({SigV4.FormatTimestamp(now)} - 15 min.)";

    private byte[] SigningKey(AwsCredentials credentials, string date, string region, string service)
    {
        var cacheKey = (credentials.AccessKeyId, credentials.SecretAccessKey, date, region, service);
        if (_keys.TryGetValue(cacheKey, out var key))
            return key;
        key = SigV4.DeriveSigningKey(credentials.SecretAccessKey, date, region, service);
        if (_keys.Count >= MaxCachedKeys)
            _keys.Clear();
        _keys.TryAdd(cacheKey, key);
        return key;
    }
}
