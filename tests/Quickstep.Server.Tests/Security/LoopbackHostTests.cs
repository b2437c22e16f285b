using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Security;

/// <summary>
/// Issue 18: a loopback-only server refuses requests addressed to other names (DNS rebinding), answers a lone
/// surrogate in a member with SerializationException instead of a 500, and takes credentials from its options.
/// </summary>
public sealed class LoopbackHostTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-host-" + Guid.NewGuid().ToString("N"));
    private QuickstepServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), AllowedHosts = ["quickstep.internal"] },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        _http = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
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

    private async Task<(int Status, string Body, string? ContentType)> SendAsync(string host, string path, string? target, string body)
    {
        using var request = new HttpRequestMessage(target is null ? HttpMethod.Get : HttpMethod.Post, path);
        request.Headers.Host = host;
        if (target is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
            request.Headers.Add("X-Amz-Target", target);
        }

        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("127.0.0.1.attacker.example")]
    [InlineData("localhost.attacker.example:8083")]
    public async Task ForeignHost_IsRefusedInTheApisShape(string host)
    {
        var (status, body, _) = await SendAsync(host, "/", "AWSStepFunctions.ListStateMachines", "{}");
        Assert.Equal(403, status);
        Assert.Equal("AccessDeniedException", JsonDocument.Parse(body).RootElement.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task ForeignHost_OnAnS3Path_IsRefusedInS3sShape()
    {
        var (status, body, _) = await SendAsync("attacker.example", "/some-bucket/key", null, "");
        Assert.Equal(403, status);
        Assert.Contains("<Code>AccessDenied</Code>", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:8083")]
    [InlineData("127.1.2.3")]
    [InlineData("[::1]:8083")]
    [InlineData("sync-127.0.0.1:8083")]
    [InlineData("api.localhost")]
    [InlineData("quickstep.internal:8083")]
    public async Task LoopbackOrAllowedHost_IsServed(string host)
    {
        var (status, body, _) = await SendAsync(host, "/", "AWSStepFunctions.ListStateMachines", "{}");
        Assert.Equal(200, status);
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("stateMachines", out _));
    }

    [Theory]
    [InlineData("""{"name":"a\ud800b","definition":"{}","roleArn":"arn:aws:iam::123456789012:role/r"}""")]
    [InlineData("""{"\udc00":"x"}""")]
    public async Task LoneSurrogate_IsASerializationException(string json)
    {
        var (status, body, _) = await SendAsync("127.0.0.1", "/", "AWSStepFunctions.CreateStateMachine", json);
        Assert.Equal(400, status);
        Assert.Equal("SerializationException", JsonDocument.Parse(body).RootElement.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task PairedSurrogateEscapes_AreText()
    {
        var (status, body, _) = await SendAsync("127.0.0.1", "/", "AWSStepFunctions.CreateStateMachine",
            """{"name":"emoji","definition":"{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":\"\ud83d\ude00\",\"End\":true}}}","roleArn":"arn:aws:iam::123456789012:role/r","type":"EXPRESS"}""");
        Assert.Equal(200, status);
        Assert.Contains(":stateMachine:emoji", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsInTheOptions_RequireSignedRequests()
    {
        var dir = Path.Combine(_dir, "signed");
        await using var server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, "q.db"), Credentials = [new Quickstep.Aws.Signing.AwsCredentials("AKIDQUICKSTEP", "secret")] },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (status, body) = await InProcessServer.Call(http, "ListStateMachines", "{}");
        Assert.Equal(400, status);
        Assert.Equal("MissingAuthenticationTokenException", body.GetProperty("__type").GetString());
    }
}
