using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Quickstep.Aws;
using Quickstep.Aws.Signing;

namespace Quickstep.Server.Hosting;

/// <summary>
/// Checks Signature Version 4 on a request before its service sees it, when the configuration names credentials.
/// The payload hash is the body's SHA-256 (the body is buffered so the service can still read it), or what
/// <c>x-amz-content-sha256</c> says: S3's <c>UNSIGNED-PAYLOAD</c> and streaming forms are taken as signed (the chunk
/// signatures of <c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c> are not checked), a hash is compared with the body.
/// </summary>
internal sealed class AwsAuthenticator
{
    private readonly SigV4Verifier _verifier;

    public AwsAuthenticator(IReadOnlyList<AwsCredentials> credentials, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var known = new Dictionary<string, AwsCredentials>(StringComparer.Ordinal);
        foreach (var c in credentials)
            known[c.AccessKeyId] = c;
        _verifier = new SigV4Verifier(id => known.GetValueOrDefault(id), time);
    }

    /// <returns>Null when the request may proceed; otherwise the error to answer in <paramref name="service"/>'s shape.</returns>
    public async Task<AwsServiceException?> CheckAsync(HttpContext http, string service)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = View(http);
        var claimed = http.Request.Headers[SigV4.ContentSha256Header].ToString();
        string payloadHash;
        string? bodyHash = null;
        if (SigV4Verifier.IsPresigned(request))
        {
            payloadHash = http.Request.Query.TryGetValue("X-Amz-Content-Sha256", out var q) ? q.ToString() : service == "s3" ? SigV4.UnsignedPayload : await BodyHashAsync(http).ConfigureAwait(false);
        }
        else if (claimed.Length > 0)
        {
            payloadHash = claimed;
            if (!claimed.StartsWith("STREAMING-", StringComparison.Ordinal) && claimed != SigV4.UnsignedPayload)
                bodyHash = await BodyHashAsync(http).ConfigureAwait(false);
        }
        else
        {
            payloadHash = await BodyHashAsync(http).ConfigureAwait(false);
        }

        var result = _verifier.Verify(request, payloadHash);
        if (!result.IsValid)
            return AwsAuthErrors.For(service, result);
        if (bodyHash is not null && !string.Equals(bodyHash, claimed, StringComparison.OrdinalIgnoreCase))
            return new AwsServiceException("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        return null;
    }

    private static SigV4Request View(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.PathBase + http.Request.Path + http.Request.QueryString).ToString();
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? raw : raw[..q];
        var query = q < 0 ? string.Empty : raw[(q + 1)..];
        var headers = http.Request.Headers;
        return new SigV4Request(http.Request.Method, path, query, name => headers.TryGetValue(name, out var v) ? string.Join(',', v.ToArray()) : null);
    }

    /// <summary>SHA-256 of the body, leaving it readable from the start for the service.</summary>
    private static async Task<string> BodyHashAsync(HttpContext http)
    {
        http.Request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await http.Request.Body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
            hash.AppendData(buffer, 0, n);
        http.Request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
