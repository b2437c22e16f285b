using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep triggers [--db ./.quickstep/quickstep.db | --store postgres://…] [--config FILE]`: prints, as JSON, what starts executions
/// without an API call: EventBridge rules with their targets, Scheduler schedules with their next run, pipes, and the
/// configuration file's webhooks.
/// </summary>
internal static class TriggersCommand
{
    public const string Usage = "usage: quickstep triggers [--db ./.quickstep/quickstep.db | --store postgres://user@host:port/database] [--config FILE]";

    public static Command Create()
    {
        var db = CliOptions.File("--db", "The server's SQLite database (default ./.quickstep/quickstep.db).");
        var store = UsageCommand.StoreOption();
        var config = CliOptions.File("--config", "The server's configuration file, for its webhooks.");
        var command = new Command("triggers", "List rules, schedules (with their next run), pipes and webhooks as JSON.") { db, store, config };
        command.SetAction((r, _) => ExecuteAsync(r.GetValue(db) ?? Path.Combine(".quickstep", "quickstep.db"), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, r.GetValue(config), r.GetValue(store)));
        return command;
    }

    public static async Task<int> ExecuteAsync(string db, TextWriter stdout, TextWriter stderr, string? configFile = null, string? store = null)
    {
        var webhooks = new JsonArray();
        if (configFile is not null)
        {
            try
            {
                foreach (var w in Quickstep.Server.Hosting.QuickstepConfigLoader.Load(configFile).Webhooks)
                    webhooks.Add(new JsonObject { ["name"] = w.Name, ["path"] = "/webhooks/" + w.Name, ["mode"] = w.Sync ? "sync" : "async", ["stateMachineArn"] = w.StateMachineArn, ["signed"] = w.Secret is not null });
            }
            catch (Quickstep.Server.Hosting.QuickstepConfigException e)
            {
                await stderr.WriteLineAsync($"quickstep triggers: {e.Message}").ConfigureAwait(false);
                return CommandLine.ExitUsage;
            }
        }

        if (await ReadStores.OpenAsync("triggers", store, db, stderr).ConfigureAwait(false) is not { } stores)
            return CommandLine.ExitUsage;
        await using (stores.ConfigureAwait(false))
        {
            var scheduleStore = stores.Schedules;
            var pipeStore = stores.Pipes;
            var ruleStore = stores.EventRules;
            var rules = new JsonArray();
            foreach (var rule in await ruleStore.ListRulesAsync().ConfigureAwait(false))
            {
                var doc = JsonNode.Parse(rule.Json)!.AsObject();
                var targets = new JsonArray();
                foreach (var target in doc["Targets"]?.AsArray() ?? [])
                    targets.Add(target?["Arn"]?.GetValue<string>());
                rules.Add(new JsonObject
                {
                    ["bus"] = rule.EventBusName,
                    ["name"] = rule.Name,
                    ["state"] = doc["State"]?.GetValue<string>(),
                    ["eventPattern"] = doc["EventPattern"]?.GetValue<string>(),
                    ["scheduleExpression"] = doc["ScheduleExpression"]?.GetValue<string>(),
                    ["targets"] = targets,
                });
            }

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

            var report = new JsonObject { ["rules"] = rules, ["schedules"] = schedules, ["pipes"] = pipes, ["webhooks"] = webhooks };
            await stdout.WriteLineAsync(report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
        }

        return CommandLine.ExitOk;
    }
}
