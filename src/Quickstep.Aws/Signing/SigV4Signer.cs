using System.Net.Http.Headers;

namespace Quickstep.Aws.Signing;

/// <summary>
/// Signs an outgoing request with Signature Version 4 in the <c>Authorization</c> header, as the AWS SDKs do: adds
/// <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> for temporary credentials and, for S3,
/// <c>X-Amz-Content-SHA256</c>; signs <c>host</c>, <c>content-type</c> and every <c>x-amz-*</c> header.
/// </summary>
public static class SigV4Signer
{
    /// <param name="body">The exact bytes the request will carry (its content must not change after signing).</param>
    /// <param name="service">The signing name (<c>sqs</c>, <c>sns</c>, <c>events</c>, <c>s3</c>, <c>states</c>, …).</param>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, AwsCredentials credentials, string region, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(service);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        if (!uri.IsAbsoluteUri)
            throw new ArgumentException("The request URI must be absolute to be signed.", nameof(request));

        var s3 = service == "s3";
        var timestamp = SigV4.FormatTimestamp(now);
        var date = timestamp[..8];
        var payloadHash = SigV4.Sha256Hex(body);

        request.Headers.Remove(SigV4.DateHeader);
        request.Headers.TryAddWithoutValidation(SigV4.DateHeader, timestamp);
        request.Headers.Remove(SigV4.SecurityTokenHeader);
        if (credentials.SessionToken is { Length: > 0 } token)
            request.Headers.TryAddWithoutValidation(SigV4.SecurityTokenHeader, token);
        request.Headers.Remove(SigV4.ContentSha256Header);
        if (s3)
            request.Headers.TryAddWithoutValidation(SigV4.ContentSha256Header, payloadHash);

        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        request.Headers.Host = host;
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = host };
        foreach (var (name, values) in request.Headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower.StartsWith("x-amz-", StringComparison.Ordinal))
                headers[lower] = SigV4.CanonicalHeaderValue(string.Join(',', values));
        }

        if (request.Content?.Headers.ContentType is MediaTypeHeaderValue contentType)
            headers["content-type"] = SigV4.CanonicalHeaderValue(contentType.ToString());

        var canonicalHeaders = headers.ToList();
        var canonical = SigV4.CanonicalRequest(
            request.Method.Method,
            SigV4.CanonicalUri(uri.AbsolutePath, s3),
            SigV4.CanonicalQuery(SigV4.ParseQuery(uri.Query)),
            canonicalHeaders,
            payloadHash);
        var scope = SigV4.Scope(date, region, service);
        var signature = SigV4.Signature(SigV4.DeriveSigningKey(credentials.SecretAccessKey, date, region, service), SigV4.StringToSign(timestamp, scope, canonical));
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{SigV4.Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={SigV4.SignedHeaders(canonicalHeaders)}, Signature={signature}");
    }
}
