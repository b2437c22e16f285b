using System.Reflection;

namespace Quickstep.Cli.Tests.Run;

/// <summary>`quickstep run` stays a small process: it must not load ASP.NET Core (only `serve` needs it).</summary>
public sealed class RunLoadsNoServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("quickstep-run-light-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Run_LoadsNoAspNetCoreAssembly()
    {
        var loaded = new List<string>();
        void OnLoad(object? sender, AssemblyLoadEventArgs e) => loaded.Add(e.LoadedAssembly.GetName().Name ?? "");
        var def = Path.Combine(_dir, "p.asl.json");
        await File.WriteAllTextAsync(def, """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");

        AppDomain.CurrentDomain.AssemblyLoad += OnLoad;
        try
        {
            var (exit, _, _) = await Commands.CliRunner.RunAsync("run", def, "--history", "--log-level", "ALL");
            Assert.Equal(0, exit);
        }
        finally
        {
            AppDomain.CurrentDomain.AssemblyLoad -= OnLoad;
        }

        // No Cli test starts the server, so nothing else in this process loads ASP.NET Core either.
        var everLoaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "");
        Assert.DoesNotContain(loaded.Concat(everLoaded), n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(loaded, n => n == "Quickstep.Server");
    }
}
