using System.Text.Json;

namespace Quickstep.Server.Metering;

/// <summary>
/// Express prices: per request and per GB-hour of billed duration × memory, in tiers.
/// Default: AWS us-east-1 (https://aws.amazon.com/step-functions/pricing/): $1.00 per million
/// requests; $0.06 per GB-hour for the first 1,000 GB-hours, $0.03 for the next 4,000, $0.01642 beyond.
/// </summary>
public sealed record PriceTable(decimal PricePerMillionRequests, IReadOnlyList<PriceTier> DurationTiers)
{
    public static PriceTable Default { get; } = new(1.00m, [new PriceTier(1000, 0.06m), new PriceTier(5000, 0.03m), new PriceTier(null, 0.01642m)]);

    /// <summary>Reads {"pricePerMillionRequests": n, "durationTiers": [{"upToGbHours": n|null, "pricePerGbHour": n}]}.</summary>
    public static PriceTable Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var perMillion = root.TryGetProperty("pricePerMillionRequests", out var p) ? p.GetDecimal() : Default.PricePerMillionRequests;
        if (!root.TryGetProperty("durationTiers", out var tiers))
            return Default with { PricePerMillionRequests = perMillion };
        var list = new List<PriceTier>();
        foreach (var t in tiers.EnumerateArray())
        {
            double? upTo = t.TryGetProperty("upToGbHours", out var u) && u.ValueKind == JsonValueKind.Number ? u.GetDouble() : null;
            list.Add(new PriceTier(upTo, t.GetProperty("pricePerGbHour").GetDecimal()));
        }

        return new PriceTable(perMillion, list);
    }

    /// <summary>The duration cost of <paramref name="gbHours"/> GB-hours, walking the tiers (cumulative limits).</summary>
    public decimal DurationCost(double gbHours)
    {
        decimal cost = 0;
        double done = 0;
        foreach (var tier in DurationTiers)
        {
            var limit = tier.UpToGbHours ?? double.PositiveInfinity;
            var inTier = Math.Min(gbHours, limit) - done;
            if (inTier <= 0)
                break;
            cost += (decimal)inTier * tier.PricePerGbHour;
            done += inTier;
        }

        return cost;
    }
}
