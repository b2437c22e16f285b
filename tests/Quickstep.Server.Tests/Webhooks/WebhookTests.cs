using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Webhooks;

/// <summary>Webhooks declared in the configuration file, driven by plain HTTP: sync, async, failures, signatures, size limit.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-hooks-" + Guid.NewGuid().ToString("N"));
    private QuickstepServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var config = Path.Combine(_dir, "quickstep.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "webhooks": {
                "echo": { "stateMachineArn": "{{Sm}}echo", "mode": "sync", "includeHeaders": true, "includeQueryString": true },
                "plain": { "stateMachineArn": "{{Sm}}echo", "mode": "sync" },
                "fails": { "stateMachineArn": "{{Sm}}fails", "mode": "sync", "failureStatus": 422 },
                "later": { "stateMachineArn": "{{Sm}}echo" },
                "signed": { "stateMachineArn": "{{Sm}}echo", "secret": "s3cret", "signatureHeader": "X-Signature", "maxBodyBytes": 100 }
              }
            }
            """);
        _server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), ConfigFile = config }, logging => logging.SetMinimumLevel(LogLevel.Warning));
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        await CreateAsync("echo", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        await CreateAsync("fails", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Order.Invalid","Cause":"no items"}}}""");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private async Task CreateAsync(string name, string definition)
    {
        var (status, body) = await InProcessServer.Call(_http, "CreateStateMachine",
            JsonSerializer.Serialize(new { name, type = "EXPRESS", roleArn = "arn:aws:iam::123456789012:role/r", definition }));
        Assert.True(status == 200, body.ToString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Sign(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task Sync_AnswersTheOutput_WithHeadersAndQueryWhenConfigured()
    {
        var (status, body) = await PostAsync("/webhooks/echo?q=z&n=1", """{"a":1}""", ("X-Custom", "v"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("body").GetProperty("a").GetInt32());
        Assert.Equal("v", body.GetProperty("headers").GetProperty("x-custom").GetString());
        Assert.Equal("z", body.GetProperty("queryStringParameters").GetProperty("q").GetString());

        (status, body) = await PostAsync("/webhooks/plain?q=z", """{"a":2}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"a":2}""", body.GetRawText());
    }

    [Fact]
    public async Task Sync_FailedExecution_AnswersErrorAndCauseWithTheConfiguredStatus()
    {
        var (status, body) = await PostAsync("/webhooks/fails", "{}");
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("FAILED", body.GetProperty("status").GetString());
        Assert.Equal("Order.Invalid", body.GetProperty("error").GetString());
        Assert.Equal("no items", body.GetProperty("cause").GetString());
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:express:fails:", body.GetProperty("executionArn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Async_Answers202WithTheExecution()
    {
        var (status, body) = await PostAsync("/webhooks/later", """{"order":7}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var arn = body.GetProperty("executionArn").GetString()!;
        var (describeStatus, execution) = await InProcessServer.Call(_http, "DescribeExecution", JsonSerializer.Serialize(new { executionArn = arn }));
        Assert.Equal(200, describeStatus);
        Assert.Equal("""{"order":7}""", execution.GetProperty("input").GetString());
    }

    [Fact]
    public async Task Signature_WrongOrMissing_Is401_RightIsAccepted()
    {
        const string payload = """{"ok":true}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/webhooks/signed", payload)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/webhooks/signed", payload, ("X-Signature", Sign(payload, "other")))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/webhooks/signed", payload, ("X-Signature", "sha256=zz"))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("/webhooks/signed", payload, ("X-Signature", Sign(payload, "s3cret")))).Status);
    }

    [Fact]
    public async Task Body_OverTheLimit_Is413()
    {
        var big = JsonSerializer.Serialize(new { text = new string('x', 200) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync("/webhooks/signed", big, ("X-Signature", Sign(big, "s3cret")))).Status);
    }

    [Fact]
    public async Task UnknownWebhook_Is404_AndGetIs405()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("/webhooks/nope", "{}")).Status);
        using var get = await _http.GetAsync(new Uri("/webhooks/echo", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }
}
