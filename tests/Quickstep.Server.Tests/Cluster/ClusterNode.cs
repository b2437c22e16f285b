using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>`quickstep serve --store postgres://…` (the built quickstep.dll) as a child process on a free port: one node of a cluster.</summary>
internal sealed partial class ClusterNode : IDisposable
{
    private readonly Process _process;

    private ClusterNode(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ClusterNode> StartAsync(string storeUrl, string directory, string nodeId, int leaseSeconds)
    {
        Directory.CreateDirectory(directory);
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Repo.CliDll, "serve", "--port", "0", "--db", Path.Combine(directory, "q.db"), "--store", storeUrl, "--node-id", nodeId, "--node-lease-seconds", leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
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
                return new ClusterNode(process, new Uri(m.Groups[1].Value));
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, the node's leases are left to expire.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    [GeneratedRegex(@"serving the Step Functions API at (http://\S+) \(database")]
    private static partial Regex ServingLine();
}
