using System.Text.Json;

namespace Quickstep.Server.Tests.S3;

/// <summary>Starts a server, runs sdk/s3.mjs (@aws-sdk/client-s3, path-style) against it once, keeps its JSON output.</summary>
public sealed class S3Scenario : IAsyncLifetime
{
    private readonly InProcessServer _server = new();

    public JsonElement Result { get; private set; }

    public InProcessServer Server => _server;

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        await _server.InitializeAsync();
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["s3.mjs", _server.Endpoint], Repo.SdkDirectory, TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"node s3.mjs failed ({code}): {stderr}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public Task DisposeAsync() => _server.DisposeAsync();
}
