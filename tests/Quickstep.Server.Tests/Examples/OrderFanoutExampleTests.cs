using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Examples;

/// <summary>examples/order-fanout as its README runs it: the config file creates the resources, the workflow stores and publishes, a consumer receives.</summary>
public sealed class OrderFanoutExampleTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-example-" + Guid.NewGuid().ToString("N"));
    private QuickstepServer _server = null!;

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        _server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), ConfigFile = Path.Combine(ExampleDirectory, "quickstep.config.json") },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static string ExampleDirectory => Path.Combine(Repo.Root, "examples", "order-fanout");

    [Fact]
    public async Task OrderFanout_StoresPublishesAndTheQueueReceives()
    {
        var endpoint = _server.BaseAddress.ToString().TrimEnd('/');
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["order-fanout.mjs", endpoint, ExampleDirectory], Repo.SdkDirectory, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"node order-fanout.mjs failed ({code}): {stderr}");
        var r = JsonDocument.Parse(stdout).RootElement;
        Assert.True(r.GetProperty("status").GetString() == "SUCCEEDED", stdout);
        var output = r.GetProperty("output");
        Assert.True(output.ValueKind == JsonValueKind.Object && output.TryGetProperty("orderId", out var id) && id.GetString() == "o-1001", stdout);

        // The stored object is the order; the queue got the notice (raw delivery) naming it and its ETag.
        var stored = JsonDocument.Parse(r.GetProperty("object").GetString()!).RootElement;
        Assert.Equal("ada@example.com", stored.GetProperty("customer").GetString());
        var message = JsonDocument.Parse(Assert.Single(r.GetProperty("messages").EnumerateArray()).GetString()!).RootElement;
        Assert.Equal("o-1001", message.GetProperty("orderId").GetString());
        Assert.Equal("orders/o-1001.json", message.GetProperty("key").GetString());
        Assert.Equal(r.GetProperty("etag").GetString(), message.GetProperty("etag").GetString());
        Assert.False(string.IsNullOrEmpty(output.GetProperty("messageId").GetString()));
    }
}
