using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Quickstep.Server.Hosting;

/// <summary>The one bounded reader of request bodies for every endpoint on the port; each endpoint answers an oversized body in its own error shape.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The body, or null when it is longer than <paramref name="limit"/> (by Content-Length or as read). Up to
    /// <paramref name="drainUpTo"/> bytes of an oversized body are read and dropped, so the connection stays usable for
    /// the error answer; a longer one is refused without reading it.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpContext http, long limit, long drainUpTo = 0)
    {
        if (http.Request.ContentLength is { } declared && declared > Math.Max(limit, drainUpTo))
            return null;
        var buffer = new ArrayBufferWriter<byte>(4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var total = 0L;
        try
        {
            int n;
            while ((n = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += n;
                if (total <= limit)
                    buffer.Write(chunk.AsSpan(0, n));
                else if (total > drainUpTo)
                    break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        // Not "? null :": ReadOnlyMemory converts from a null array, which would make that an empty body.
        if (total > limit)
            return null;
        return buffer.WrittenMemory;
    }

    /// <summary>"Request body of N bytes exceeds the L-byte limit." when the request declared its length, else without it.</summary>
    public static string TooLarge(HttpContext http, long limit) =>
        http.Request.ContentLength is { } declared && declared > limit
            ? $"Request body of {declared} bytes exceeds the {limit}-byte limit."
            : $"Request body exceeds the {limit}-byte limit.";
}
