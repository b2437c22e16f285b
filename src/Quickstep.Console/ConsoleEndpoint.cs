using Microsoft.AspNetCore.Http;

namespace Quickstep.WebConsole;

/// <summary>
/// The web console under <c>/console/</c>: the page's embedded files, the redirect of a browser's <c>GET /</c>, and the
/// read-only helper endpoints under <c>/console/api/</c> (what the AWS APIs do not answer: counts, usage over time,
/// name search, services summary, graphs). The page itself calls the AWS APIs on <c>POST /</c> like any SDK.
/// </summary>
public sealed class ConsoleEndpoint
{
    public const string PathPrefix = "/console/";
    private const string ApiPrefix = "/console/api/";

    private readonly ConsoleApi _api;

    public ConsoleEndpoint(ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = new ConsoleApi(options);
    }

    /// <summary>True for the console's paths and for a browser's <c>GET /</c> (its Accept names text/html; the Step Functions API is <c>POST /</c>).</summary>
    public static bool Owns(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value ?? "/";
        if (path is "/" or "")
            return HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
        return path == "/console" || path.StartsWith(PathPrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// What a browser loads before it can sign anything: the page's files and the redirect, which hold no data. The helper
    /// endpoints under <c>/console/api/</c> are not public: with credentials configured they need a signature like the AWS APIs.
    /// </summary>
    public static bool IsPublic(HttpRequest request) =>
        Owns(request) && !(request.Path.Value ?? "").StartsWith(ApiPrefix, StringComparison.Ordinal)
        && !request.Headers.ContainsKey("Authorization") && !request.Query.ContainsKey("X-Amz-Credential");

    public Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = http.Request.Path.Value ?? "/";
        if (path is "/" or "" or "/console")
        {
            http.Response.StatusCode = StatusCodes.Status302Found;
            http.Response.Headers.Location = PathPrefix;
            return Task.CompletedTask;
        }

        if (path.StartsWith(ApiPrefix, StringComparison.Ordinal))
            return _api.HandleAsync(http, path[ApiPrefix.Length..]);
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            return PlainAsync(http, StatusCodes.Status405MethodNotAllowed, "The console's files are read with GET.");
        var relative = path[PathPrefix.Length..];
        if (ConsoleAssets.Find(relative.Length == 0 ? "index.html" : relative) is not { } asset)
            return PlainAsync(http, StatusCodes.Status404NotFound, $"No console file {path}.");
        return ServeAsync(http, asset);
    }

    private static Task ServeAsync(HttpContext http, ConsoleAsset asset)
    {
        var headers = http.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        // Everything comes from this server; no framing, so a page elsewhere cannot click Start or Stop for the user.
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
        headers.XFrameOptions = "DENY";
        if (http.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        http.Response.ContentType = asset.ContentType;
        http.Response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : http.Response.Body.WriteAsync(asset.Content).AsTask();
    }

    private static Task PlainAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message + "\n");
    }
}
