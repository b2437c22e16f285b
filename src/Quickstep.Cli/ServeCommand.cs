using System.CommandLine;
using Quickstep.Integrations.Functions;
using Quickstep.Server;
using Quickstep.Server.Metering;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep serve [--port 8083] [--host 127.0.0.1] [--db ./.quickstep/quickstep.db] [--region us-east-1]
/// [--account 123456789012] [--retention-days 90] [--functions FILE] [--price-table FILE] [--config FILE]`:
/// runs the Step Functions API server until Ctrl+C or SIGTERM. Server types are touched only when serve
/// runs, so that the other commands never load ASP.NET Core.
/// </summary>
internal static class ServeCommand
{
    public const string Usage = """
        usage: quickstep serve [--port 8083] [--host 127.0.0.1] [--db ./.quickstep/quickstep.db]
                               [--region us-east-1] [--account 123456789012] [--retention-days 90]
                               [--functions FILE] [--price-table FILE] [--config FILE]
                               [--credentials ACCESS_KEY_ID:SECRET_ACCESS_KEY]... [--shutdown-grace 30]
        """;

    public static Command Create()
    {
        var port = CliOptions.Integer("--port", "PORT", 0, 65535, "The port to listen on (default 8083; 0 picks a free one).");
        var host = new Option<string>("--host")
        {
            Description = "The address to listen on: an IP address or localhost (default 127.0.0.1).",
            HelpName = "ADDRESS",
            CustomParser = r => r.Tokens[0].Value is var h && (h == "localhost" || System.Net.IPAddress.TryParse(h, out _))
                ? h
                : CliOptions.Fail<string>(r, $"--host must be an IP address or localhost, not '{r.Tokens[0].Value}'"),
        };
        var db = CliOptions.File("--db", "The SQLite database (default ./.quickstep/quickstep.db; created if missing).");
        var store = CliOptions.Text("--store", "URL", "A PostgreSQL database shared by several nodes: postgres://user[:password]@host:port/database (default: the SQLite file of --db).");
        var node = CliOptions.Text("--node-id", "ID", "With --store: this node's id in leases (default a new one per process).");
        var lease = CliOptions.Integer("--node-lease-seconds", "SECONDS", 1, 3600, "With --store: how long a node's leases last without a heartbeat; another node takes its work over after (default 15).");
        var region = CliOptions.Text("--region", "REGION", "The region in ARNs (default us-east-1).");
        var account = new Option<string>("--account")
        {
            Description = "The account id in ARNs (default 123456789012).",
            HelpName = "ACCOUNT",
            CustomParser = r => r.Tokens[0].Value is { Length: 12 } a && a.All(char.IsAsciiDigit)
                ? a
                : CliOptions.Fail<string>(r, "--account must be 12 digits"),
        };
        var retention = CliOptions.Integer("--retention-days", "DAYS", 1, 36500, "Days an execution's history is kept (default 90).");
        var functions = CliOptions.File("--functions", "Answer Lambda tasks with local commands: {\"functions\": {\"NAME or ARN\": {\"command\": [\"prog\", …]}}}.");
        var prices = CliOptions.File("--price-table", "Prices for usage metering (default: AWS Express prices).");
        var credentials = new Option<string[]>("--credentials")
        {
            Description = "Require requests signed with this key (AWS Signature Version 4); repeatable; also QUICKSTEP_CREDENTIALS=ID:SECRET[,ID:SECRET].",
            HelpName = "ACCESS_KEY_ID:SECRET_ACCESS_KEY",
            AllowMultipleArgumentsPerToken = false,
            CustomParser = r => r.Tokens.Select(t => t.Value).FirstOrDefault(v => ParseCredentials(v) is null) is { } bad
                ? CliOptions.Fail<string[]>(r, $"--credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY, not '{bad}'")
                : [.. r.Tokens.Select(t => t.Value)],
        };
        var grace = CliOptions.Integer("--shutdown-grace", "SECONDS", 0, 3600, "On SIGTERM or Ctrl+C, how long synchronous executions in flight may take to finish and answer before they are aborted (default 30).");
        var config = CliOptions.File("--config", "The configuration file: resources to create at start, forwarding endpoints, the data directory (see docs/server.md).");

        var command = new Command("serve", "Serve the Step Functions API (see docs/server.md) until Ctrl+C or SIGTERM.")
        {
            port, host, db, store, node, lease, region, account, retention, functions, prices, config, credentials, grace,
        };
        command.SetAction((r, _) => ExecuteAsync(Bind(r), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>The serve command's values in <paramref name="r"/>, a parse of `quickstep serve …`.</summary>
    internal static ServeArguments Bind(ParseResult r) => new()
    {
        Port = r.GetValue<int?>("--port"),
        Host = r.GetValue<string>("--host"),
        DatabasePath = r.GetValue<string>("--db"),
        Store = r.GetValue<string>("--store"),
        NodeId = r.GetValue<string>("--node-id"),
        NodeLeaseSeconds = r.GetValue<int?>("--node-lease-seconds"),
        Region = r.GetValue<string>("--region"),
        AccountId = r.GetValue<string>("--account"),
        RetentionDays = r.GetValue<int?>("--retention-days"),
        FunctionsFile = r.GetValue<string>("--functions"),
        PriceTableFile = r.GetValue<string>("--price-table"),
        ConfigFile = r.GetValue<string>("--config"),
        Credentials = r.GetValue<string[]>("--credentials") ?? [],
        ShutdownGraceSeconds = r.GetValue<int?>("--shutdown-grace"),
    };

    /// <summary><c>ID:SECRET</c> as credentials, or null when it is not that shape.</summary>
    internal static Quickstep.Aws.Signing.AwsCredentials? ParseCredentials(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 || colon == value.Length - 1 ? null : new Quickstep.Aws.Signing.AwsCredentials(value[..colon], value[(colon + 1)..], null);
    }

    /// <summary>The command line's keys, then QUICKSTEP_CREDENTIALS's (comma-separated); a malformed entry is a usage error.</summary>
    internal static IReadOnlyList<Quickstep.Aws.Signing.AwsCredentials> Credentials(IEnumerable<string> given, string? environment)
    {
        var all = new List<Quickstep.Aws.Signing.AwsCredentials>();
        foreach (var entry in given.Concat((environment ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            all.Add(ParseCredentials(entry) ?? throw new FormatException($"credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY, not '{entry}' (QUICKSTEP_CREDENTIALS or --credentials)"));
        return all;
    }

    /// <summary>Starts the server <paramref name="a"/> describes and serves until it is stopped.</summary>
    public static async Task<int> ExecuteAsync(ServeArguments a, TextWriter stdout, TextWriter stderr)
    {
        QuickstepServerOptions options;
        try
        {
            options = Options(a);
        }
        catch (Exception e) when (e is FunctionsFileException or IOException or FormatException or System.Text.Json.JsonException or UnauthorizedAccessException)
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

    /// <summary>The server's options: what <paramref name="a"/> gives, the server's defaults for the rest.</summary>
    internal static QuickstepServerOptions Options(ServeArguments a)
    {
        var defaults = new QuickstepServerOptions();
        var region = a.Region ?? defaults.Region;
        var account = a.AccountId ?? defaults.AccountId;
        var registry = new LambdaFunctionRegistry();
        if (a.FunctionsFile is not null)
            FunctionsFile.LoadInto(registry, a.FunctionsFile, new FunctionHostOptions { Region = region, AccountId = account });
        return new QuickstepServerOptions
        {
            Host = a.Host ?? defaults.Host,
            Port = a.Port ?? defaults.Port,
            DatabasePath = a.DatabasePath ?? defaults.DatabasePath,
            Store = a.Store,
            NodeId = a.NodeId,
            NodeLease = a.NodeLeaseSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.NodeLease,
            Region = region,
            AccountId = account,
            Retention = a.RetentionDays is { } days ? TimeSpan.FromDays(days) : defaults.Retention,
            Functions = registry,
            Prices = a.PriceTableFile is null ? PriceTable.Default : PriceTable.Parse(File.ReadAllText(a.PriceTableFile)),
            ConfigFile = a.ConfigFile,
            Credentials = Credentials(a.Credentials, Environment.GetEnvironmentVariable("QUICKSTEP_CREDENTIALS")),
            ShutdownGrace = a.ShutdownGraceSeconds is { } grace ? TimeSpan.FromSeconds(grace) : defaults.ShutdownGrace,
        };
    }
}
