using System.Net;

namespace Quickstep.Services.S3;

/// <summary>
/// S3's general-purpose bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
/// 3–63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or
/// digit, no two dots in a row, not an IP address, not a reserved prefix or suffix. A valid name is also a
/// safe folder name.
/// </summary>
public static class BucketNames
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    public static bool IsValid(string? name)
    {
        if (name is null || name.Length is < 3 or > 63)
            return false;
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
                return false;
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]) || name.Contains("..", StringComparison.Ordinal))
            return false;
        if (name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out _))
            return false;
        foreach (var p in ReservedPrefixes)
        {
            if (name.StartsWith(p, StringComparison.Ordinal))
                return false;
        }

        foreach (var s in ReservedSuffixes)
        {
            if (name.EndsWith(s, StringComparison.Ordinal))
                return false;
        }

        return true;
    }
}
