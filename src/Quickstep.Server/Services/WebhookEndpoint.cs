using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Services;

/// <summary>
/// <c>POST /webhooks/{name}</c> for the webhooks of the configuration file: the request (the body; headers and query
/// string when configured) becomes the input of an execution, started through the Step Functions API (the
/// <c>states</c> service): sync answers 200 with the output, or the configured status with error and cause; async
/// answers 202 with the executionArn. An optional HMAC-SHA256 signature of the body is checked (401 when wrong).
/// </summary>
internal sealed class WebhookEndpoint
{
    public const string PathPrefix = "/webhooks/";

    private readonly Dictionary<string, WebhookConfig> _hooks;
    private readonly IReadOnlyDictionary<string, IAwsService> _services;

    public WebhookEndpoint(IReadOnlyList<WebhookConfig> hooks, IReadOnlyDictionary<string, IAwsService> services)
    {
        _hooks = hooks.ToDictionary(h => h.Name, StringComparer.Ordinal);
        _services = services;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var name = Uri.UnescapeDataString(http.Request.Path.Value![PathPrefix.Length..]);
        if (!_hooks.TryGetValue(name, out var hook))
        {
            await WriteAsync(http, 404, Message($"No webhook named '{name}'.")).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "POST";
            await WriteAsync(http, 405, Message("Webhooks take POST.")).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(http, hook.MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(http, 413, Message($"The body is larger than this webhook's limit of {hook.MaxBodyBytes} bytes.")).ConfigureAwait(false);
            return;
        }

        if (hook.Secret is { } secret && !SignatureValid(http.Request.Headers[hook.SignatureHeader].ToString(), secret, body))
        {
            await WriteAsync(http, 401, Message($"The {hook.SignatureHeader} signature is missing or wrong.")).ConfigureAwait(false);
            return;
        }

        var input = Input(http, hook, body);
        var request = JObject.Create([new("stateMachineArn", JString.Create(hook.StateMachineArn)), new("input", JString.Create(input.ToJson()))]);
        JObject result;
        try
        {
            result = (JObject)await _services["states"].InvokeAsync(hook.Sync ? "StartSyncExecution" : "StartExecution", request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            await WriteAsync(http, e.StatusCode >= 500 ? 502 : 500, JObject.Create([new("error", JString.Create(e.Code)), new("message", JString.Create(e.Message))])).ConfigureAwait(false);
            return;
        }

        if (!hook.Sync)
        {
            await WriteAsync(http, 202, result).ConfigureAwait(false);
            return;
        }

        var executionArn = result["executionArn"] ?? JValue.Null;
        if (result["status"] is JString { Value: "SUCCEEDED" } && result["output"] is JString output)
        {
            http.Response.Headers["x-quickstep-execution-arn"] = executionArn is JString a ? a.Value : "";
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(output.Value, http.RequestAborted).ConfigureAwait(false);
            return;
        }

        await WriteAsync(http, hook.FailureStatus, JObject.Create([
            new("executionArn", executionArn),
            new("status", result["status"] ?? JValue.Null),
            new("error", result["error"] ?? JValue.Null),
            new("cause", result["cause"] ?? JValue.Null),
        ])).ConfigureAwait(false);
    }

    /// <summary>The body, or null when it is over the limit (by Content-Length or as read).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, int limit) =>
        (await RequestBody.ReadAsync(http, limit).ConfigureAwait(false))?.ToArray();

    /// <summary>HMAC-SHA256 of the body with the secret, as hex (GitHub's <c>sha256=</c> prefix allowed), compared in constant time.</summary>
    internal static bool SignatureValid(string header, string secret, byte[] body)
    {
        var hex = header.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) ? header[7..] : header;
        byte[] given;
        try
        {
            given = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>The body as JSON (text that is not JSON as a string); wrapped with headers and query string when configured.</summary>
    private static JValue Input(HttpContext http, WebhookConfig hook, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        JValue parsed = text.Length == 0 ? JObject.Empty : JsonText.TryParse(text, out var v, out _) ? v! : JString.Create(text);
        if (!hook.IncludeHeaders && !hook.IncludeQueryString)
            return parsed;
        var members = new List<KeyValuePair<string, JValue>> { new("body", parsed) };
        if (hook.IncludeHeaders)
            members.Add(new("headers", JObject.Create(http.Request.Headers.Select(h => new KeyValuePair<string, JValue>(h.Key.ToLowerInvariant(), JString.Create(h.Value.ToString()))))));
        if (hook.IncludeQueryString)
            members.Add(new("queryStringParameters", JObject.Create(http.Request.Query.Select(q => new KeyValuePair<string, JValue>(q.Key, JString.Create(q.Value.ToString()))))));
        return JObject.Create(members);
    }

    private static JObject Message(string text) => JObject.Create([new("message", JString.Create(text))]);

    private static async Task WriteAsync(HttpContext http, int status, JValue body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJson(), http.RequestAborted).ConfigureAwait(false);
    }
}
