using Quickstep.Server.Metering;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep usage [--db ./.quickstep/quickstep.db] [--price-table FILE]`: prints, as JSON, each state
/// machine's executions, billed duration and memory, and the estimated cost (AWS Express prices by default).
/// </summary>
internal static class UsageCommand
{
    private const string Usage = "usage: quickstep usage [--db ./.quickstep/quickstep.db] [--price-table FILE]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var db = Path.Combine(".quickstep", "quickstep.db");
        var prices = PriceTable.Default;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--db":
                        db = ServeCommand.Value(args, ref i);
                        break;
                    case "--price-table":
                        prices = PriceTable.Parse(await File.ReadAllTextAsync(ServeCommand.Value(args, ref i)).ConfigureAwait(false));
                        break;
                    default:
                        throw new UsageException($"unknown option '{args[i]}'");
                }
            }
        }
        catch (Exception e) when (e is UsageException or IOException or System.Text.Json.JsonException or FormatException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"quickstep usage: {e.Message}\n{Usage}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        if (!File.Exists(db))
        {
            await stderr.WriteLineAsync($"quickstep usage: no database at {db} (start `quickstep serve --db {db}` first)").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        var store = new SqliteStore(new SqliteStoreOptions { Path = db });
        await using (store.ConfigureAwait(false))
        {
            await store.InitializeAsync().ConfigureAwait(false);
            var report = UsageReport.Build(await store.GetUsageAsync().ConfigureAwait(false), prices);
            await stdout.WriteLineAsync(report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
        }

        return CommandLine.ExitOk;
    }
}
