using System.Text.Json;
using Microsoft.Extensions.Logging;
using Quickstep.Aws.Signing;

namespace Quickstep.Server.Tests.WebConsole;

/// <summary>
/// Runs console/console-scenario.mjs once: headless Chromium (Debian's chromium, driven by playwright-core) against a
/// server, and against a second one with credentials; keeps what the script saw and its screenshots (TestResults/console/).
/// </summary>
public sealed class ConsoleBrowserScenario : IAsyncLifetime
{
    public const string AccessKeyId = "AKIDCONSOLE";
    public const string Secret = "console-secret";

    private readonly InProcessServer _server = new();
    private readonly string _signedDir = Path.Combine(Path.GetTempPath(), "qs-console-signed-" + Guid.NewGuid().ToString("N"));
    private QuickstepServer? _signed;

    public static string ScriptDirectory => Path.Combine(Repo.Root, "tests", "Quickstep.Server.Tests", "console");

    public static string Screenshots => Path.Combine(Repo.Root, "TestResults", "console");

    public JsonElement Result { get; private set; }

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"The console's browser tests need Chromium at {chromium} (scripts/test.sh installs Debian's chromium; or set CHROMIUM).");
        if (!Directory.Exists(Path.Combine(ScriptDirectory, "node_modules", "playwright-core")))
        {
            var (npm, npmOut, npmErr) = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], ScriptDirectory, TimeSpan.FromMinutes(3));
            Assert.True(npm == 0, $"npm ci failed ({npm}): {npmOut}\n{npmErr}");
        }

        await _server.InitializeAsync();
        _signed = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_signedDir, "q.db"), Credentials = [new AwsCredentials(AccessKeyId, Secret)] },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node",
            ["console-scenario.mjs", _server.Endpoint, Screenshots, _signed.BaseAddress.ToString().TrimEnd('/'), AccessKeyId, Secret],
            ScriptDirectory, TimeSpan.FromSeconds(180));
        Assert.True(code == 0, $"node console-scenario.mjs failed ({code}): {stderr}\n{stdout}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (_signed is not null)
            await _signed.DisposeAsync();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_signedDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
