using System.CommandLine;
using Quickstep.Server.Metering;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep usage [--db ./.quickstep/quickstep.db | --store postgres://…] [--price-table FILE]`: prints, as JSON, each state
/// machine's executions, billed duration and memory, and the estimated cost (AWS Express prices by default).
/// </summary>
internal static class UsageCommand
{
    public const string Usage = "usage: quickstep usage [--db ./.quickstep/quickstep.db | --store postgres://user@host:port/database] [--price-table FILE]";

    public static Command Create()
    {
        var db = CliOptions.File("--db", "The server's SQLite database (default ./.quickstep/quickstep.db).");
        var store = StoreOption();
        var prices = CliOptions.File("--price-table", "Prices to estimate the cost with (default: AWS Express prices).");
        var command = new Command("usage", "Print per state machine executions, billed duration and estimated cost as JSON.") { db, store, prices };
        command.SetAction((r, _) => ExecuteAsync(
            r.GetValue(db) ?? Path.Combine(".quickstep", "quickstep.db"),
            r.GetValue(prices),
            r.InvocationConfiguration.Output,
            r.InvocationConfiguration.Error,
            r.GetValue(store)));
        return command;
    }

    /// <summary>`--store URL`: the PostgreSQL database of a cluster, as `serve --store` takes it.</summary>
    public static System.CommandLine.Option<string> StoreOption() =>
        CliOptions.Text("--store", "URL", "The PostgreSQL database the nodes share: postgres://user[:password]@host:port/database (default: the SQLite file of --db).");

    /// <summary>Prints the usage report of the database <paramref name="db"/>, or of the PostgreSQL database <paramref name="store"/>.</summary>
    public static async Task<int> ExecuteAsync(string db, string? priceTableFile, TextWriter stdout, TextWriter stderr, string? store = null)
    {
        PriceTable prices;
        try
        {
            prices = priceTableFile is null ? PriceTable.Default : PriceTable.Parse(await File.ReadAllTextAsync(priceTableFile).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or FormatException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"quickstep usage: {e.Message}\n{Usage}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        if (await ReadStores.OpenAsync("usage", store, db, stderr).ConfigureAwait(false) is not { } stores)
            return CommandLine.ExitUsage;
        await using (stores.ConfigureAwait(false))
        {
            var report = UsageReport.Build(await stores.Core.GetUsageAsync().ConfigureAwait(false), prices);
            await stdout.WriteLineAsync(report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
        }

        return CommandLine.ExitOk;
    }
}
