using Microsoft.Extensions.Logging;
using Quickstep.Aws;

namespace Quickstep.Server.Tests.Configuration;

/// <summary>A server on a free loopback port started with a configuration file (written to a temp dir) and extra services.</summary>
internal sealed class ConfiguredServer : IAsyncDisposable
{
    private readonly string _dir;

    private ConfiguredServer(string dir, QuickstepServer server)
    {
        _dir = dir;
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public QuickstepServer Server { get; }

    public HttpClient Http { get; }

    public string Endpoint => Server.BaseAddress.ToString().TrimEnd('/');

    public static async Task<ConfiguredServer> StartAsync(string configJson, params IAwsService[] services)
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "quickstep.json");
        await File.WriteAllTextAsync(file, configJson);
        var server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, "q.db"), ConfigFile = file, Services = services },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        return new ConfiguredServer(dir, server);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
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
