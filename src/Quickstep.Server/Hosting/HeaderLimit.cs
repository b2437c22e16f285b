using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Quickstep.Aws;

namespace Quickstep.Server.Hosting;

/// <summary>
/// Request headers over 32 KiB (or more than 100 of them) are answered 431 in the error shape of the service the
/// request was for. Kestrel's own limits, which answer an empty 431, are set above these so that the server sees
/// such a request and can say what was wrong; past Kestrel's limits (1 MiB, 1,000 headers) the empty 431 remains.
/// </summary>
internal static class HeaderLimit
{
    /// <summary>Kestrel's default total, kept as Quickstep's limit.</summary>
    public const int MaxTotalBytes = 32 * 1024;

    public const int MaxCount = 100;

    public static void Configure(KestrelServerLimits limits)
    {
        limits.MaxRequestHeadersTotalSize = 1024 * 1024;
        limits.MaxRequestHeaderCount = 1000;
    }

    /// <summary>The refusal for a request whose headers are over the limits, or null.</summary>
    public static AwsServiceException? Check(IHeaderDictionary headers)
    {
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
