using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Quickstep.Server.Tests;

/// <summary>`quickstep serve` as a child process with any arguments, stopped by SIGKILL or SIGTERM (whose exit code it reports).</summary>
internal sealed partial class ServeProcess : IDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public static async Task<ServeProcess> StartAsync(string databasePath, string workingDirectory, params string[] arguments)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Repo.CliDll, "serve", "--port", "0", "--db", databasePath }.Concat(arguments))
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("quickstep serve exited before it listened");
            var m = ServingLine().Match(line);
            if (m.Success)
            {
                // Keep draining stdout so that the child never blocks on a full pipe.
                _ = Task.Run(async () =>
                {
                    while (await process.StandardOutput.ReadLineAsync() is not null)
                    {
                    }
                });
                return new ServeProcess(process, new Uri(m.Groups[1].Value));
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGKILL of the server alone, as a real crash: processes it started (a Glue job's) live on.</summary>
    public void KillAlone()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then the exit code once the process ended (fails the test after <paramref name="within"/>).</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        // .NET has no SIGTERM of its own (Process.Kill is SIGKILL): kill(1) sends it.
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Http.Dispose();
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    [GeneratedRegex(@"serving the Step Functions API at (http://\S+) \(database")]
    private static partial Regex ServingLine();
}
