using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>Starts a server, runs sdk/scenario.mjs (the official AWS SDK for JavaScript) against it once, keeps its JSON output.</summary>
public sealed class SdkScenario : IAsyncLifetime
{
    private readonly InProcessServer _server = new();

    public JsonElement Result { get; private set; }

    public InProcessServer Server => _server;

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        await _server.InitializeAsync();
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["scenario.mjs", _server.Endpoint], Repo.SdkDirectory, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"node scenario.mjs failed ({code}): {stderr}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public Task DisposeAsync() => _server.DisposeAsync();
}
