using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Quickstep.Storage.Tests.Postgres;

/// <summary>
/// A real PostgreSQL server on loopback for the tests, started once per test run from Debian's binaries
/// (scripts/test.sh installs the package) in a temporary folder and stopped at exit. Each test asks for a
/// fresh database of its own with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Started = new(StartAsync);
    private static int _databases;

    /// <summary>The connection string of the server's maintenance database.</summary>
    public static Task<string> ConnectionStringAsync() => Started.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Started.Value.ConfigureAwait(false);
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): scripts/test.sh installs it with apt-get install -y postgresql.");
        var root = Directory.CreateTempSubdirectory("quickstep-pg.").FullName;
        Run("chown", "postgres:postgres", root);
        var data = Path.Combine(root, "data");
        var port = FreePort();
        Run("runuser", "-u", "postgres", "--", Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale");
        Run("runuser", "-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(root, "server.log"),
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=300", "-w", "-t", "60", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run("runuser", "-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop");
                Directory.Delete(root, recursive: true);
            }
            catch (InvalidOperationException)
            {
                // The test run is ending anyway; a leftover temporary folder is harmless.
            }
        };
        var connectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString;
        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync().ConfigureAwait(false);
        return connectionString;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr}{stdout.Result}");
    }
}
