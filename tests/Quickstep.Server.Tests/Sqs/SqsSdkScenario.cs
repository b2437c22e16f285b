using System.Text.Json;

namespace Quickstep.Server.Tests.Sqs;

/// <summary>Starts a server, runs Sqs/sqs-scenario.mjs (the official AWS SDK for JavaScript) against it once, keeps its JSON output.</summary>
public sealed class SqsSdkScenario : IAsyncLifetime
{
    private readonly InProcessServer _server = new();

    public JsonElement Result { get; private set; }

    public InProcessServer Server => _server;

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        await _server.InitializeAsync();
        var script = Path.Combine(Repo.Root, "tests", "Quickstep.Server.Tests", "Sqs", "sqs-scenario.mjs");
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", [script, _server.Endpoint], Repo.SdkDirectory, TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"node sqs-scenario.mjs failed ({code}): {stderr}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public Task DisposeAsync() => _server.DisposeAsync();
}
