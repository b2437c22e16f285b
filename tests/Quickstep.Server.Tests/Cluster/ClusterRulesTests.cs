using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// EventBridge rules with several nodes on one PostgreSQL database: a scheduled rule fires once per due time across
/// the nodes (only the holder of the "event-rules" lease fires), and rules, targets and buses put or deleted through one
/// node apply at once to events accepted by another.
/// </summary>
public sealed class ClusterRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThreeNodes_RateRule_FiresOncePerDueTime_AlsoAfterTheLeaderStops()
    {
        await using var cluster = await ClusterOnPostgres.CreateAsync();
        var clock = new FakeTimeProvider(T0);
        for (var i = 0; i < 3; i++)
            await cluster.StartAsync("r" + i, clock, TimeSpan.FromSeconds(30));
        var nodes = cluster.Nodes.ToList();
        var (queueUrl, queueArn) = await ClusterOnPostgres.CreateQueueAsync(nodes[0], "ticks");
        // Put through one node; whichever node leads reads it from the database.
        await ClusterOnPostgres.EventsAsync(nodes[1], "PutRule", new { Name = "tick", ScheduleExpression = "rate(1 minute)" });
        await ClusterOnPostgres.EventsAsync(nodes[2], "PutTargets", new { Rule = "tick", Targets = new[] { new { Id = "q", Arn = queueArn } } });

        await AdvanceAsync(clock, TimeSpan.FromMinutes(5));
        var first = Times(await ClusterOnPostgres.DrainAsync(nodes[2], queueUrl, 5, TimeSpan.FromSeconds(20)));
        // Three nodes each firing would have sent three events per minute.
        Assert.Equal(Enumerable.Range(1, 5).Select(m => T0.AddMinutes(m)), first);

        // A node stops (it may be the leader: then it gives the lease up and another node takes over before the next run).
        await cluster.StopAsync(nodes[0]);
        for (var i = 0; i < 5 && !await LeadsAsync(cluster, "r1", "r2"); i++)
            await AdvanceAsync(clock, TimeSpan.FromSeconds(10));
        Assert.True(await LeadsAsync(cluster, "r1", "r2"), "another node took the event-rules lease over");
        await Task.Delay(500);
        await AdvanceAsync(clock, TimeSpan.FromMinutes(5));
        await Task.Delay(1000);
        var later = Times(await ClusterOnPostgres.DrainAsync(nodes[1], queueUrl, 5, TimeSpan.FromSeconds(20)));
        // The new leader keeps the rule's due times (the rate counts from when the rule was put) and fires each once.
        Assert.Equal(Enumerable.Range(6, 5).Select(m => T0.AddMinutes(m)), later);
    }

    [Fact]
    public async Task RulesAndBuses_PutThroughOneNode_MatchOnAnother_AndDeletedOnesStopMatching()
    {
        await using var cluster = await ClusterOnPostgres.CreateAsync();
        var a = await cluster.StartAsync("a", TimeProvider.System, TimeSpan.FromSeconds(15));
        var b = await cluster.StartAsync("b", TimeProvider.System, TimeSpan.FromSeconds(15));
        var (queueUrl, queueArn) = await ClusterOnPostgres.CreateQueueAsync(a, "matched");

        // A bus and a rule on it put through A; B answers about them and accepts events for them right away.
        await ClusterOnPostgres.EventsAsync(a, "CreateEventBus", new { Name = "orders" });
        await ClusterOnPostgres.EventsAsync(a, "PutRule", new { Name = "paid", EventBusName = "orders", EventPattern = """{"detail-type":["paid"]}""" });
        await ClusterOnPostgres.EventsAsync(a, "PutTargets", new { Rule = "paid", EventBusName = "orders", Targets = new[] { new { Id = "q", Arn = queueArn } } });
        var described = await ClusterOnPostgres.EventsAsync(b, "DescribeRule", new { Name = "paid", EventBusName = "orders" });
        Assert.Equal("""{"detail-type":["paid"]}""", described.GetProperty("EventPattern").GetString());
        var targets = await ClusterOnPostgres.EventsAsync(b, "ListTargetsByRule", new { Rule = "paid", EventBusName = "orders" });
        Assert.Equal(queueArn, targets.GetProperty("Targets")[0].GetProperty("Arn").GetString());
        await PutAsync(b, "orders", "paid", "first");
        Assert.Equal(["first"], Details(await ClusterOnPostgres.DrainAsync(b, queueUrl, 1, TimeSpan.FromSeconds(10))));

        // A second target added through B applies to events accepted by A.
        var (otherUrl, otherArn) = await ClusterOnPostgres.CreateQueueAsync(b, "also");
        await ClusterOnPostgres.EventsAsync(b, "PutTargets", new { Rule = "paid", EventBusName = "orders", Targets = new[] { new { Id = "also", Arn = otherArn } } });
        await PutAsync(a, "orders", "paid", "second");
        Assert.Equal(["second"], Details(await ClusterOnPostgres.DrainAsync(a, queueUrl, 1, TimeSpan.FromSeconds(10))));
        Assert.Equal(["second"], Details(await ClusterOnPostgres.DrainAsync(a, otherUrl, 1, TimeSpan.FromSeconds(10))));

        // Removed and deleted through A: events B accepts afterwards reach nobody.
        await ClusterOnPostgres.EventsAsync(a, "RemoveTargets", new { Rule = "paid", EventBusName = "orders", Ids = new[] { "q", "also" } });
        await ClusterOnPostgres.EventsAsync(a, "DeleteRule", new { Name = "paid", EventBusName = "orders" });
        var rules = await ClusterOnPostgres.EventsAsync(b, "ListRules", new { EventBusName = "orders" });
        Assert.Equal(0, rules.GetProperty("Rules").GetArrayLength());
        await PutAsync(b, "orders", "paid", "third");
        await Task.Delay(1500);
        Assert.Empty(await ClusterOnPostgres.DrainAsync(a, queueUrl, 0, TimeSpan.FromSeconds(1)));
        Assert.Empty(await ClusterOnPostgres.DrainAsync(a, otherUrl, 0, TimeSpan.FromSeconds(1)));

        // The bus deleted through B is gone for A too.
        await ClusterOnPostgres.EventsAsync(b, "DeleteEventBus", new { Name = "orders" });
        var buses = await ClusterOnPostgres.EventsAsync(a, "ListEventBuses", new { });
        Assert.Equal(["default"], buses.GetProperty("EventBuses").EnumerateArray().Select(e => e.GetProperty("Name").GetString()));

        // Connections too: created through A, described and deleted through B, gone for A.
        await ClusterOnPostgres.EventsAsync(a, "CreateConnection", new
        {
            Name = "api",
            AuthorizationType = "API_KEY",
            AuthParameters = new { ApiKeyAuthParameters = new { ApiKeyName = "x-key", ApiKeyValue = "secret" } },
        });
        Assert.Equal("api", (await ClusterOnPostgres.EventsAsync(b, "DescribeConnection", new { Name = "api" })).GetProperty("Name").GetString());
        await ClusterOnPostgres.EventsAsync(b, "DeleteConnection", new { Name = "api" });
        Assert.Equal(0, (await ClusterOnPostgres.EventsAsync(a, "ListConnections", new { })).GetProperty("Connections").GetArrayLength());
    }

    /// <summary>True when one of <paramref name="ids"/> holds the "event-rules" lease.</summary>
    private static async Task<bool> LeadsAsync(ClusterOnPostgres cluster, params string[] ids)
    {
        await using var db = new NpgsqlConnection(cluster.Connection);
        await db.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT holder FROM quickstep_leases WHERE name = 'event-rules'", db);
        return await read.ExecuteScalarAsync() is string holder && ids.Contains(holder);
    }

    private static Task<JsonElement> PutAsync(QuickstepServer node, string bus, string detailType, string id) =>
        ClusterOnPostgres.EventsAsync(node, "PutEvents", new { Entries = new[] { new { EventBusName = bus, Source = "cluster.test", DetailType = detailType, Detail = JsonSerializer.Serialize(new { id }) } } });

    private static List<string> Details(List<string> bodies) =>
        [.. bodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("detail").GetProperty("id").GetString()!)];

    private static List<DateTimeOffset> Times(List<string> bodies) =>
        [.. bodies.Select(b => DateTimeOffset.Parse(JsonDocument.Parse(b).RootElement.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)).Order()];

    /// <summary>Moves the fake clock in 10-second steps, letting the nodes' loops run between steps.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan total)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += TimeSpan.FromSeconds(10))
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(60);
        }
    }
}
