using System.Globalization;

namespace Quickstep.Services.S3;

/// <summary>
/// A Range header resolved against an object's size: <c>bytes=a-b</c>, <c>bytes=a-</c>, <c>bytes=-n</c>.
/// As S3 does, a header it cannot parse (or several ranges) is ignored and the whole object is sent; a
/// range that starts past the end is 416 InvalidRange.
/// </summary>
public readonly record struct ObjectRange(long Start, long Length)
{
    public long End => Start + Length - 1;

    /// <summary>The range to send, or null for the whole object.</summary>
    public static ObjectRange? Resolve(string? header, long size)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        var text = header.Trim();
        if (!text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || text.Contains(',', StringComparison.Ordinal))
            return null;
        var spec = text[6..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
            return null;
        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // A suffix: the last n bytes.
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return null;
            if (n == 0 || size == 0)
                throw S3Errors.InvalidRange(header, size);
            var length = Math.Min(n, size);
            return new ObjectRange(size - length, length);
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            return null;
        var end = long.MaxValue;
        if (last.Length > 0 && !long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end))
            return null;
        if (end < start)
            return null;
        if (start >= size)
            throw S3Errors.InvalidRange(header, size);
        end = Math.Min(end, size - 1);
        return new ObjectRange(start, end - start + 1);
    }
}
