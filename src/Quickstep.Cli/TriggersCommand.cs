using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep triggers [--db ./.quickstep/quickstep.db]`: prints, as JSON, what starts executions without an API
/// call: EventBridge Scheduler schedules with their next run, and pipes.
/// </summary>
internal static class TriggersCommand
{
    public const string Usage = "usage: quickstep triggers [--db ./.quickstep/quickstep.db]";

    public static Command Create()
    {
        var db = CliOptions.File("--db", "The server's SQLite database (default ./.quickstep/quickstep.db).");
        var command = new Command("triggers", "List schedules (with their next run) and pipes as JSON.") { db };
        command.SetAction((r, _) => ExecuteAsync(r.GetValue(db) ?? Path.Combine(".quickstep", "quickstep.db"), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }

    public static async Task<int> ExecuteAsync(string db, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(db))
        {
            await stderr.WriteLineAsync($"quickstep triggers: no database at {db} (start `quickstep serve --db {db}` first)").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        var store = new SqliteStore(new SqliteStoreOptions { Path = db });
        await using (store.ConfigureAwait(false))
        {
            await store.InitializeAsync().ConfigureAwait(false);
            var scheduleStore = new SqliteScheduleStore(store);
            await scheduleStore.InitializeAsync().ConfigureAwait(false);
            var pipeStore = new SqlitePipeStore(store);
            await pipeStore.InitializeAsync().ConfigureAwait(false);

            var schedules = new JsonArray();
            string? after = null;
            do
            {
                var page = await scheduleStore.ListSchedulesAsync(null, null, null, after, 1000).ConfigureAwait(false);
                foreach (var s in page.Items)
                {
                    var doc = JsonNode.Parse(s.Json)!.AsObject();
                    schedules.Add(new JsonObject
                    {
                        ["group"] = s.GroupName,
                        ["name"] = s.Name,
                        ["state"] = s.State,
                        ["expression"] = doc["ScheduleExpression"]?.GetValue<string>(),
                        ["timezone"] = doc["ScheduleExpressionTimezone"]?.GetValue<string>(),
                        ["target"] = s.TargetArn,
                        ["nextRun"] = s.NextFire?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    });
                }

                after = page.NextKey;
            }
            while (after is not null);

            var pipes = new JsonArray();
            foreach (var p in await pipeStore.ListPipesAsync().ConfigureAwait(false))
            {
                var doc = JsonNode.Parse(p.Json)!.AsObject();
                pipes.Add(new JsonObject
                {
                    ["name"] = p.Name,
                    ["state"] = p.DesiredState,
                    ["source"] = p.Source,
                    ["enrichment"] = doc["Enrichment"]?.GetValue<string>(),
                    ["target"] = p.Target,
                });
            }

            var report = new JsonObject { ["schedules"] = schedules, ["pipes"] = pipes };
            await stdout.WriteLineAsync(report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
        }

        return CommandLine.ExitOk;
    }
}
