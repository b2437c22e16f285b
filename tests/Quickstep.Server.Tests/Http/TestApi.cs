using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Http;

/// <summary>
/// An HTTP API on Kestrel (127.0.0.1, a free port) for HTTP Tasks to call: an API-key endpoint, a Basic one, an OAuth
/// client-credentials token endpoint and a Bearer one, one that fails (503), one that answers text, one that never answers.
/// </summary>
internal sealed class TestApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tokens;
    private JsonObject? _lastOrder;

    private TestApi(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<TestApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var api = new TestApi(builder.Build());
        api._app.Run(api.HandleAsync);
        await api._app.StartAsync();
        api.Url = api._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return api;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var auth = http.Request.Headers.Authorization.ToString();
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        switch (path)
        {
            case var p when p.StartsWith("/orders/", StringComparison.Ordinal):
                _lastOrder = new JsonObject { ["apiKey"] = http.Request.Headers["x-api-key"].ToString(), ["tenant"] = http.Request.Headers["x-tenant"].ToString(), ["query"] = http.Request.QueryString.Value, ["userAgent"] = http.Request.Headers.UserAgent.ToString() };
                if (http.Request.Headers["x-api-key"] != "k-123")
                {
                    await JsonAsync(http, 401, new JsonObject { ["message"] = "bad key" });
                    return;
                }

                await JsonAsync(http, 200, new JsonObject { ["id"] = p["/orders/".Length..], ["query"] = http.Request.QueryString.Value, ["tenant"] = http.Request.Headers["x-tenant"].ToString(), ["request"] = http.Request.Headers["x-request"].ToString() });
                return;
            case "/echo":
                if (auth != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ada:pa55")))
                {
                    await JsonAsync(http, 401, new JsonObject { ["message"] = "who?" });
                    return;
                }

                await JsonAsync(http, 200, new JsonObject { ["method"] = http.Request.Method, ["contentType"] = http.Request.ContentType, ["body"] = body });
                return;
            case "/fail":
                await JsonAsync(http, 503, new JsonObject { ["error"] = "down" });
                return;
            case "/text":
                http.Response.ContentType = "text/plain";
                await http.Response.WriteAsync("plain text");
                return;
            case "/slow":
                try
                {
                    await _stopping.Task.WaitAsync(http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // the caller gave up, as intended
                }

                return;
            case "/token":
                if (auth != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-1:client-secret-value")) || !body.Contains("grant_type=client_credentials", StringComparison.Ordinal) || !body.Contains("scope=orders", StringComparison.Ordinal))
                {
                    await JsonAsync(http, 400, new JsonObject { ["error"] = "invalid_client" });
                    return;
                }

                var n = Interlocked.Increment(ref _tokens);
                await JsonAsync(http, 200, new JsonObject { ["access_token"] = "tok-" + n, ["token_type"] = "Bearer", ["expires_in"] = 3600 });
                return;
            case "/secure":
                if (auth != "Bearer tok-" + Volatile.Read(ref _tokens))
                {
                    await JsonAsync(http, 401, new JsonObject { ["message"] = "no token" });
                    return;
                }

                await JsonAsync(http, 200, new JsonObject { ["secret"] = "data", ["token"] = auth[7..] });
                return;
            case "/stats":
                await JsonAsync(http, 200, new JsonObject { ["tokens"] = Volatile.Read(ref _tokens), ["lastOrder"] = _lastOrder?.DeepClone() });
                return;
            default:
                await JsonAsync(http, 404, new JsonObject { ["message"] = "no such path" });
                return;
        }
    }

    private static Task JsonAsync(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
