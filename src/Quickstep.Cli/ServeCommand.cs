using System.Globalization;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Server;
using Quickstep.Server.Metering;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep serve [--port 8083] [--host 127.0.0.1] [--db ./.quickstep/quickstep.db] [--region us-east-1]
/// [--account 123456789012] [--retention-days 90] [--functions FILE] [--price-table FILE]`: runs the
/// Step Functions API server until Ctrl+C or SIGTERM.
/// </summary>
internal static class ServeCommand
{
    public const string Usage = """
        usage: quickstep serve [--port 8083] [--host 127.0.0.1] [--db ./.quickstep/quickstep.db]
                               [--region us-east-1] [--account 123456789012] [--retention-days 90]
                               [--functions FILE] [--price-table FILE]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        QuickstepServerOptions options;
        try
        {
            options = Parse(args);
        }
        catch (Exception e) when (e is UsageException or FunctionsFileException or IOException or FormatException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"quickstep serve: {e.Message}\n{Usage}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        QuickstepServer server;
        try
        {
            server = await QuickstepServer.StartAsync(options).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Kestrel reports an address in use as an IOException.
            await stderr.WriteLineAsync($"quickstep serve: cannot listen on {options.Host}:{options.Port}: {e.Message}").ConfigureAwait(false);
            return CommandLine.ExitFailed;
        }

        await using (server.ConfigureAwait(false))
        {
            await stdout.WriteLineAsync($"Quickstep is serving the Step Functions API at {server.BaseAddress} (database {server.DatabasePath}); Ctrl+C stops it.").ConfigureAwait(false);
            await stdout.FlushAsync().ConfigureAwait(false);
            await server.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return CommandLine.ExitOk;
    }

    private static QuickstepServerOptions Parse(string[] args)
    {
        var defaults = new QuickstepServerOptions();
        string host = defaults.Host, db = defaults.DatabasePath, region = defaults.Region, account = defaults.AccountId;
        var port = defaults.Port;
        var retention = defaults.Retention;
        string? functions = null, prices = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port":
                    port = Int(args, ref i, 0, 65535);
                    break;
                case "--host":
                    host = Value(args, ref i);
                    if (host != "localhost" && !System.Net.IPAddress.TryParse(host, out _))
                        throw new UsageException($"--host must be an IP address or localhost, not '{host}'");
                    break;
                case "--db":
                    db = Value(args, ref i);
                    break;
                case "--region":
                    region = Value(args, ref i);
                    break;
                case "--account":
                    account = Value(args, ref i);
                    if (account.Length != 12 || !account.All(char.IsAsciiDigit))
                        throw new UsageException("--account must be 12 digits");
                    break;
                case "--retention-days":
                    retention = TimeSpan.FromDays(Int(args, ref i, 1, 36500));
                    break;
                case "--functions":
                    functions = Value(args, ref i);
                    break;
                case "--price-table":
                    prices = Value(args, ref i);
                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}'");
            }
        }

        var registry = new LambdaFunctionRegistry();
        if (functions is not null)
            FunctionsFile.LoadInto(registry, functions);
        IResourceHandler lambda = new LambdaResourceHandler(registry, new LambdaResourceHandlerOptions { DefaultRegion = region, DefaultAccountId = account });
        return new QuickstepServerOptions
        {
            Host = host,
            Port = port,
            DatabasePath = db,
            Region = region,
            AccountId = account,
            Retention = retention,
            ResourceHandlers = [lambda],
            Prices = prices is null ? PriceTable.Default : PriceTable.Parse(File.ReadAllText(prices)),
        };
    }

    internal static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
            throw new UsageException($"{args[i]} needs a value");
        return args[++i];
    }

    private static int Int(string[] args, ref int i, int min, int max)
    {
        var name = args[i];
        var text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new UsageException($"{name} must be a number from {min} to {max}, not '{text}'");
        return n;
    }
}
