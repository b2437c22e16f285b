using System.Text.Json.Nodes;
using Quickstep.Storage;

namespace Quickstep.Server.Metering;

/// <summary>
/// Usage per state machine and in total, with an estimated cost. Duration tiers apply to the total
/// (as AWS bills an account); each machine gets its share of the duration cost in proportion to its GB-seconds.
/// </summary>
public static class UsageReport
{
    public static JsonObject Build(IReadOnlyList<UsageRecord> usage, PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(prices);
        var totalGbSeconds = usage.Sum(u => GbSeconds(u));
        var totalDurationCost = prices.DurationCost(totalGbSeconds / 3600);
        var machines = new JsonArray();
        long executions = 0, billedMs = 0;
        decimal requestCostTotal = 0;
        foreach (var u in usage)
        {
            var gbs = GbSeconds(u);
            var requestCost = u.Executions * prices.PricePerMillionRequests / 1_000_000m;
            var durationCost = totalGbSeconds > 0 ? totalDurationCost * (decimal)(gbs / totalGbSeconds) : 0;
            executions += u.Executions;
            billedMs += u.BilledDurationMilliseconds;
            requestCostTotal += requestCost;
            machines.Add(new JsonObject
            {
                ["stateMachineArn"] = u.StateMachineArn,
                ["executions"] = u.Executions,
                ["billedDurationMilliseconds"] = u.BilledDurationMilliseconds,
                ["billedMemoryMegabyteMilliseconds"] = u.BilledMegabyteMilliseconds,
                ["billedGbSeconds"] = Math.Round(gbs, 6),
                ["requestCostUsd"] = Math.Round(requestCost, 8),
                ["durationCostUsd"] = Math.Round(durationCost, 8),
                ["estimatedCostUsd"] = Math.Round(requestCost + durationCost, 8),
            });
        }

        var tiers = new JsonArray();
        foreach (var t in prices.DurationTiers)
            tiers.Add(new JsonObject { ["upToGbHours"] = t.UpToGbHours, ["pricePerGbHour"] = t.PricePerGbHour });
        return new JsonObject
        {
            ["currency"] = "USD",
            ["priceTable"] = new JsonObject { ["pricePerMillionRequests"] = prices.PricePerMillionRequests, ["durationTiers"] = tiers },
            ["stateMachines"] = machines,
            ["total"] = new JsonObject
            {
                ["executions"] = executions,
                ["billedDurationMilliseconds"] = billedMs,
                ["billedGbSeconds"] = Math.Round(totalGbSeconds, 6),
                ["requestCostUsd"] = Math.Round(requestCostTotal, 8),
                ["durationCostUsd"] = Math.Round(totalDurationCost, 8),
                ["estimatedCostUsd"] = Math.Round(requestCostTotal + totalDurationCost, 8),
            },
        };
    }

    private static double GbSeconds(UsageRecord u) => u.BilledMegabyteMilliseconds / 1024.0 / 1000.0;
}
