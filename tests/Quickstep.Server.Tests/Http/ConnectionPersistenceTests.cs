using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Http;

/// <summary>EventBridge connections, secrets included, survive a server restart (they live in the store).</summary>
public sealed class ConnectionPersistenceTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-conn-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task CreateConnection_ThenRestart_DescribedAndUsableWithItsSecret()
    {
        await using var api = await TestApi.StartAsync();
        var config = Path.Combine(_dir, "quickstep.json");
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(config, """{"http": {"allowedHosts": ["127.0.0.1"]}}""");
        var options = new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), ConfigFile = config };

        string arn;
        await using (var first = await QuickstepServer.StartAsync(options, l => l.SetMinimumLevel(LogLevel.Warning)))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            var (status, created) = await EventsAsync(http, "CreateConnection",
                """{"Name":"orders-api","AuthorizationType":"API_KEY","AuthParameters":{"ApiKeyAuthParameters":{"ApiKeyName":"x-api-key","ApiKeyValue":"k-123"}}}""");
            Assert.Equal(200, status);
            arn = created.GetProperty("ConnectionArn").GetString()!;
        }

        await using var second = await QuickstepServer.StartAsync(options, l => l.SetMinimumLevel(LogLevel.Warning));
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        var (describeStatus, described) = await EventsAsync(client, "DescribeConnection", """{"Name":"orders-api"}""");
        Assert.Equal(200, describeStatus);
        Assert.Equal(arn, described.GetProperty("ConnectionArn").GetString());
        Assert.DoesNotContain("k-123", described.ToString(), StringComparison.Ordinal);

        var definition = JsonSerializer.Serialize(new
        {
            StartAt = "Call",
            States = new { Call = new { Type = "Task", Resource = "arn:aws:states:::http:invoke", Parameters = new { ApiEndpoint = api.Url + "/orders/3", Method = "GET", Authentication = new { ConnectionArn = arn } }, End = true } },
        });
        var (_, machine) = await InProcessServer.Call(client, "CreateStateMachine", JsonSerializer.Serialize(new { name = "m", definition, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
        var (_, run) = await InProcessServer.Call(client, "StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = machine.GetProperty("stateMachineArn").GetString(), input = "{}" }));
        Assert.True(run.GetProperty("status").GetString() == "SUCCEEDED", run.ToString());
        Assert.Contains("\"id\":\"3\"", run.GetProperty("output").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(int Status, JsonElement Body)> EventsAsync(HttpClient http, string operation, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.Add("X-Amz-Target", "AWSEvents." + operation);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
