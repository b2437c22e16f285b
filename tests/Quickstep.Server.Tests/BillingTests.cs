using Quickstep.Server.Metering;

namespace Quickstep.Server.Tests;

public sealed class BillingTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 100)]
    [InlineData(100, 100)]
    [InlineData(100.5, 200)]
    [InlineData(1099, 1100)]
    [InlineData(3001, 3100)]
    public void BilledDuration_RoundsUpTo100MsWithMinimum100(double ms, long expected) =>
        Assert.Equal(expected, Billing.BilledDurationMilliseconds(TimeSpan.FromMilliseconds(ms)));

    [Fact]
    public void BilledMemory_50MbPlusDefinitionPlusDataTimesMapParallel_In64MbChunks()
    {
        Assert.Equal(64, Billing.BilledMemoryMegabytes(1000, 1000, 0));
        Assert.Equal(64, Billing.BilledMemoryMegabytes(13L * 1024 * 1024, 0, 0));
        Assert.Equal(128, Billing.BilledMemoryMegabytes(15L * 1024 * 1024, 0, 0));
        Assert.Equal(128, Billing.BilledMemoryMegabytes(0, 5L * 1024 * 1024, 3));
    }

    [Fact]
    public void MapAndParallelStates_CountsNestedStatesOfTheCompiledMachine()
    {
        var definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}}}}]}}}
            """;
        Assert.Equal(2, new Quickstep.Engine.QuickstepEngine().Load(definition, "nested").MapAndParallelStates);
        Assert.Equal(0, new Quickstep.Engine.QuickstepEngine().Load("""{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}""", "flat").MapAndParallelStates);
    }

    [Fact]
    public void PriceTable_Default_TiersApplyCumulatively()
    {
        var p = PriceTable.Default;
        Assert.Equal(60m, p.DurationCost(1000));
        Assert.Equal(60m + 120m, p.DurationCost(5000));
        Assert.Equal(60m + 120m + 16.42m, p.DurationCost(6000));
    }

    [Fact]
    public void PriceTable_Parse_ReadsCustomPrices()
    {
        var p = PriceTable.Parse("""{"pricePerMillionRequests":2.5,"durationTiers":[{"upToGbHours":10,"pricePerGbHour":1},{"upToGbHours":null,"pricePerGbHour":0.5}]}""");
        Assert.Equal(2.5m, p.PricePerMillionRequests);
        Assert.Equal(10m + 5m, p.DurationCost(20));
    }

    [Fact]
    public void UsageReport_SplitsTieredDurationCostByShare()
    {
        // 1,000,000 executions of 100 ms at 64 MB, and the same again on a second machine.
        var mbMs = 1_000_000L * 100 * 64;
        var usage = new[]
        {
            new Storage.UsageRecord("arn:a", 1_000_000, 100_000_000, mbMs),
            new Storage.UsageRecord("arn:b", 1_000_000, 100_000_000, mbMs),
        };
        var report = UsageReport.Build(usage, PriceTable.Default);
        var total = report["total"]!;
        Assert.Equal(2_000_000, (long)total["executions"]!);
        Assert.Equal(2.00m, (decimal)total["requestCostUsd"]!);
        // 2 × 6,250 GB-s = 3.4722 GB-h at $0.06.
        Assert.Equal(Math.Round(12_500m / 3600m * 0.06m, 6), Math.Round((decimal)total["durationCostUsd"]!, 6));
        Assert.Equal((decimal)report["stateMachines"]![0]!["durationCostUsd"]!, (decimal)report["stateMachines"]![1]!["durationCostUsd"]!);
    }
}
