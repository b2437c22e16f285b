using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Quickstep.Aws;

namespace Quickstep.Server.Hosting;

/// <summary>
/// A request target (path and query) over 16 KiB is answered 414, request headers over 32 KiB (or more than 100 of
/// them) 431, in the error shape of the service the request was for. Kestrel's own limits, which answer an empty
/// 414 or 431 before any middleware runs, are set far above these (1 MiB each, 10,000 headers: still a bound on what
/// one connection buffers) so that the server sees such a request and can say what was wrong.
/// </summary>
internal static class HeaderLimit
{
    /// <summary>Kestrel's default total, kept as Quickstep's limit.</summary>
    public const int MaxTotalBytes = 32 * 1024;

    public const int MaxCount = 100;

    /// <summary>Twice Kestrel's default request line (8 KiB): room for S3's 1,024-byte keys percent-encoded and a presigned query.</summary>
    public const int MaxTargetBytes = 16 * 1024;

    /// <summary>What Kestrel buffers before it gives up with an empty answer (its input buffer, 1 MiB by default, must hold it).</summary>
    public const int KestrelMaxBytes = 1024 * 1024;

    public const int KestrelMaxCount = 10_000;

    public static void Configure(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.MaxRequestLineSize = KestrelMaxBytes;
        limits.MaxRequestHeadersTotalSize = KestrelMaxBytes;
        limits.MaxRequestHeaderCount = KestrelMaxCount;
        limits.MaxRequestBufferSize = Math.Max(limits.MaxRequestBufferSize ?? 0, KestrelMaxBytes);
    }

    /// <summary>The refusal for a request whose target or headers are over the limits, or null.</summary>
    public static AwsServiceException? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget?.Length ?? (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (target > MaxTargetBytes)
            return new AwsServiceException("URITooLong", $"The request target (path and query) is {target} characters; the limit is {MaxTargetBytes}.", StatusCodes.Status414UriTooLong);
        var headers = request.Headers;
        if (headers.Count > MaxCount)
            return TooLarge($"The request has {headers.Count} header fields; the limit is {MaxCount}.");
        var total = 0L;
        foreach (var (name, values) in headers)
        {
            total += name.Length + 4;
            foreach (var v in values)
                total += v?.Length ?? 0;
        }

        return total <= MaxTotalBytes ? null : TooLarge($"The request's header fields are {total} bytes; the limit is {MaxTotalBytes}.");
    }

    private static AwsServiceException TooLarge(string message) => new("RequestHeaderFieldsTooLarge", message, StatusCodes.Status431RequestHeaderFieldsTooLarge);
}
