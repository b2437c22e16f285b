using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Sns;

/// <summary>A server whose SNS delivers to a <see cref="RecordingSqsTarget"/>, and sdk/sns.mjs run against it once.</summary>
public sealed class SnsScenario : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-sns-" + Guid.NewGuid().ToString("N"));

    public RecordingSqsTarget Queues { get; } = new();

    public QuickstepServer Server { get; private set; } = null!;

    public JsonElement Result { get; private set; }

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        Server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), SnsSqsTarget = Queues },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["sns.mjs", Server.BaseAddress.ToString().TrimEnd('/')], Repo.SdkDirectory, TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"node sns.mjs failed ({code}): {stderr}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
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
