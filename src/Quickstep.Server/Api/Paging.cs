using System.Globalization;
using System.Text;

namespace Quickstep.Server.Api;

/// <summary>maxResults (0–1000, 0 = 100) and opaque nextToken (an encoded offset) handling.</summary>
internal static class Paging
{
    public static (int Offset, int Limit) Read(ApiRequest request, int max = 1000)
    {
        var limit = request.Int("maxResults", 0, max) ?? 0;
        if (limit == 0)
            limit = 100;
        var token = request.String("nextToken", 3096, 1);
        return (token is null ? 0 : Decode(token), limit);
    }

    /// <summary>The token of the next page, when the store returned more than a page (callers fetch limit + 1).</summary>
    public static string? Next(int offset, int limit, int fetched) => fetched <= limit ? null : Encode(offset + limit);

    private static string Encode(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("qs1:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int Decode(string token)
    {
        try
        {
            var s = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (s.StartsWith("qs1:", StringComparison.Ordinal) && int.TryParse(s.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var o))
                return o;
        }
        catch (FormatException)
        {
            // Falls through to InvalidToken.
        }

        ApiErrors.InvalidToken(token);
        return 0;
    }
}
