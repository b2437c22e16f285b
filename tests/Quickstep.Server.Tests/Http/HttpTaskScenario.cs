using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Http;

/// <summary>A server whose configuration file allows 127.0.0.1, a <see cref="TestApi"/>, and sdk/http-task.mjs run once against both.</summary>
public sealed class HttpTaskScenario : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-http-" + Guid.NewGuid().ToString("N"));
    private TestApi? _api;
    private QuickstepServer? _server;

    public JsonElement Result { get; private set; }

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        Directory.CreateDirectory(_dir);
        var config = Path.Combine(_dir, "quickstep.json");
        await File.WriteAllTextAsync(config, """{"http": {"allowedHosts": ["127.0.0.1"]}}""");
        _api = await TestApi.StartAsync();
        _server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), ConfigFile = config },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["http-task.mjs", _server.BaseAddress.ToString().TrimEnd('/'), _api.Url], Repo.SdkDirectory, TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"node http-task.mjs failed ({code}): {stderr}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        if (_api is not null)
            await _api.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
