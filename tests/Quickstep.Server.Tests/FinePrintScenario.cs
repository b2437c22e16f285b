using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>Runs sdk/fineprint.mjs (the official AWS SDK for JavaScript) once against a live server.</summary>
public sealed class FinePrintScenario : IAsyncLifetime
{
    private readonly InProcessServer _server = new();

    public JsonElement Result { get; private set; }

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        await _server.InitializeAsync();
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["fineprint.mjs", _server.Endpoint], Repo.SdkDirectory, TimeSpan.FromSeconds(90));
        Assert.True(code == 0, $"node fineprint.mjs failed ({code}): {stderr}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public Task DisposeAsync() => _server.DisposeAsync();
}
