using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Lambda;

/// <summary>
/// A server whose configuration file declares runtime (Node, Python), url functions and recorders, then sdk/lambda.mjs
/// run against it once with the official AWS SDK for JavaScript.
/// </summary>
public sealed class LambdaScenario : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-lambda-" + Guid.NewGuid().ToString("N"));

    public QuickstepServer Server { get; private set; } = null!;

    public JsonElement Result { get; private set; }

    public static string DataDirectory => Path.Combine(Repo.Root, "tests", "Quickstep.Server.Tests", "Lambda", "data");

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        Directory.CreateDirectory(_dir);
        var urlPort = FreePort();
        var eventRecord = Path.Combine(_dir, "event.json");
        var snsRecord = Path.Combine(_dir, "sns.json");
        var data = DataDirectory;
        var config = Path.Combine(_dir, "quickstep.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              // Functions of every kind, with the handler files of tests/Quickstep.Server.Tests/Lambda/data unchanged.
              "functions": {
                "Greet": {"runtime": "nodejs", "handler": "index.handler", "codeDir": {{Json(Path.Combine(data, "node-cjs"))}}, "memorySize": 512},
                "Esm": {"runtime": "nodejs", "handler": "index.handler", "codeDir": {{Json(Path.Combine(data, "node-esm"))}}},
                "Reject": {"runtime": "nodejs", "handler": "index.fail", "codeDir": {{Json(Path.Combine(data, "node-cjs"))}}},
                "Crash": {"runtime": "nodejs", "handler": "index.crash", "codeDir": {{Json(Path.Combine(data, "node-cjs"))}}},
                "Slow": {"runtime": "nodejs", "handler": "index.slow", "codeDir": {{Json(Path.Combine(data, "node-cjs"))}}, "timeoutSeconds": 1},
                "Busy": {"runtime": "nodejs", "handler": "index.slow", "codeDir": {{Json(Path.Combine(data, "node-cjs"))}}, "timeoutSeconds": 10, "concurrency": 1},
                "Charge": {"runtime": "python", "handler": "app.handler", "codeDir": {{Json(Path.Combine(data, "python"))}}},
                "Decline": {"runtime": "python", "handler": "app.fail", "codeDir": {{Json(Path.Combine(data, "python"))}}},
                "PyCrash": {"runtime": "python", "handler": "app.crash", "codeDir": {{Json(Path.Combine(data, "python"))}}},
                "Recorder": {"runtime": "python", "handler": "app.record", "codeDir": {{Json(Path.Combine(data, "python"))}}, "environment": {"RECORD_FILE": {{Json(eventRecord)}} } },
                "SnsRecorder": {"runtime": "python", "handler": "app.record", "codeDir": {{Json(Path.Combine(data, "python"))}}, "environment": {"RECORD_FILE": {{Json(snsRecord)}} } },
                "Echo": {"url": "http://127.0.0.1:{{urlPort}}/echo"},
                "UrlFail": {"url": "http://127.0.0.1:{{urlPort}}/fail"},
                "UrlNotJson": {"url": "http://127.0.0.1:{{urlPort}}/other"},
              },
            }
            """);
        Server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), ConfigFile = config },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        var endpoint = Server.BaseAddress.ToString().TrimEnd('/');
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["lambda.mjs", endpoint, urlPort.ToString(System.Globalization.CultureInfo.InvariantCulture), eventRecord, snsRecord], Repo.SdkDirectory, TimeSpan.FromSeconds(180));
        Assert.True(code == 0, $"node lambda.mjs failed ({code}): {stderr}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static string Json(string text) => JsonSerializer.Serialize(text);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
