namespace Quickstep.Asl.Parsing;

/// <summary>RFC 6901 JSON pointers: "" is the root, each token is prefixed by "/" with "~" → "~0" and "/" → "~1".</summary>
internal static class JsonPointer
{
    public static string Append(string parent, string token) => parent + "/" + Escape(token);

    public static string Append(string parent, int index) => parent + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Escape(string token)
    {
        if (token.AsSpan().IndexOfAny('~', '/') < 0)
            return token;
        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }
}
