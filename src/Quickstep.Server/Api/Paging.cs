using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Quickstep.Storage;

namespace Quickstep.Server.Api;

/// <summary>
/// maxResults (0–1000, 0 = 100) and opaque nextToken. A token holds the store's keyset key (the last item
/// of the page, so items added between pages do not shift the next one) and is bound to the query that made
/// it: the operation and its filters. A token from another operation or other filters is InvalidToken, as
/// AWS answers.
/// </summary>
internal static class Paging
{
    private const string Version = "qs2";

    /// <summary>Reads maxResults and nextToken; <paramref name="query"/> names the filters the token is bound to.</summary>
    public static PageRequest Read(ApiRequest request, string operation, string query, int max = 1000, int maxTokenLength = 1024)
    {
        var limit = request.Int("maxResults", 0, max) ?? 0;
        if (limit == 0)
            limit = 100;
        var binding = Bind(operation, query);
        var token = request.String("nextToken", maxTokenLength, 1);
        return new PageRequest(token is null ? null : Decode(token, binding), limit, binding);
    }

    /// <summary>The nextToken for the page after the one that ended at <paramref name="nextKey"/> (null: no more pages).</summary>
    public static string? Token(PageRequest page, string? nextKey) =>
        nextKey is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Version}\n{page.Binding}\n{nextKey}"));

    /// <summary>The answer of a List operation: the page's items under <paramref name="member"/>, and its nextToken when more follow.</summary>
    public static JsonObject Response<T>(PageRequest page, StorePage<T> found, string member, Func<T, JsonObject> item)
    {
        var items = new JsonArray();
        foreach (var x in found.Items)
            items.Add(item(x));
        var response = new JsonObject { [member] = items };
        if (Token(page, found.NextKey) is { } next)
            response["nextToken"] = next;
        return response;
    }

    private static string Bind(string operation, string query) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + query)), 0, 12);

    private static string Decode(string token, string binding)
    {
        try
        {
            var s = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var parts = s.Split('\n', 3);
            if (parts.Length == 3 && parts[0] == Version && parts[1] == binding)
                return parts[2];
        }
        catch (FormatException)
        {
            // Falls through to InvalidToken.
        }

        ApiErrors.InvalidToken(token);
        return "";
    }
}
