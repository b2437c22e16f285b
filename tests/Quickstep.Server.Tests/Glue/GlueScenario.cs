using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Glue;

/// <summary>
/// A server whose configuration allows local job scripts under a scripts directory, with one minute of a job's Timeout
/// lasting one second (<see cref="QuickstepServerOptions.GlueTimeoutUnit"/>); runs Glue/glue-scenario.mjs against it once.
/// </summary>
public sealed class GlueScenario : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-glue-" + Guid.NewGuid().ToString("N"));

    public QuickstepServer Server { get; private set; } = null!;

    public JsonElement Result { get; private set; }

    public string ScriptsDirectory => Path.Combine(_dir, "scripts");

    /// <summary>Where the server keeps each run's stdout and stderr (glue/runs beside the database).</summary>
    public string RunsDirectory => Path.Combine(_dir, "data", "glue", "runs");

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        var config = WriteScripts(_dir);
        Server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "data", "q.db"), ConfigFile = config, GlueTimeoutUnit = TimeSpan.FromSeconds(1) },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        var script = Path.Combine(Repo.Root, "tests", "Quickstep.Server.Tests", "Glue", "glue-scenario.mjs");
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", [script, Server.BaseAddress.ToString().TrimEnd('/'), ScriptsDirectory], Repo.SdkDirectory, TimeSpan.FromSeconds(180));
        Assert.True(code == 0, $"node glue-scenario.mjs failed ({code}): {stderr}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>Writes the test scripts under DIR/scripts and a configuration file that allows them; returns the file's path.</summary>
    internal static string WriteScripts(string dir)
    {
        var scripts = Path.Combine(dir, "scripts");
        Directory.CreateDirectory(scripts);
        File.WriteAllText(Path.Combine(scripts, "ok.py"), """
            import json, sys
            print(json.dumps(sys.argv[1:]))
            print("a note on stderr", file=sys.stderr)
            """);
        File.WriteAllText(Path.Combine(scripts, "fail.py"), """
            import sys
            print("starting", flush=True)
            sys.stderr.write("Traceback (most recent call last):\nValueError: boom: bad input\n")
            sys.exit(1)
            """);
        File.WriteAllText(Path.Combine(scripts, "sleep.py"), """
            import os, time
            print("sleeping", os.getpid(), flush=True)
            time.sleep(120)
            """);
        var config = Path.Combine(dir, "quickstep.json");
        File.WriteAllText(config, """{ "glue": { "scriptRoots": ["scripts"] } }""");
        return config;
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
