using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// The EventBridge outbox with two nodes on one PostgreSQL database: events a node accepted belong to it while its node
/// lease lasts; when the lease expires (the node hung or died) another node takes the undelivered ones over and
/// delivers them (at least once).
/// </summary>
public sealed class ClusterOutboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EventsOfANodeWhoseLeaseExpired_AreDeliveredByAnotherNode()
    {
        await using var cluster = await ClusterOnPostgres.CreateAsync();
        // Each node its own clock: A's stands still (A hangs: no heartbeat, no retry), B's moves past A's lease.
        var clockA = new FakeTimeProvider(T0);
        var clockB = new FakeTimeProvider(T0);
        var down = new UnavailableService("sqs");
        var a = await cluster.StartAsync("a", clockA, TimeSpan.FromSeconds(30), [down]);
        var b = await cluster.StartAsync("b", clockB, TimeSpan.FromSeconds(30));
        var (queueUrl, queueArn) = await ClusterOnPostgres.CreateQueueAsync(b, "outbox");
        await ClusterOnPostgres.EventsAsync(a, "PutRule", new { Name = "all", EventPattern = """{"source":["cluster.test"]}""" });
        await ClusterOnPostgres.EventsAsync(a, "PutTargets", new { Rule = "all", Targets = new[] { new { Id = "q", Arn = queueArn } } });

        var accepted = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var put = await ClusterOnPostgres.EventsAsync(a, "PutEvents", new
            {
                Entries = Enumerable.Range(0, 5).Select(j => new { Source = "cluster.test", DetailType = "t", Detail = JsonSerializer.Serialize(new { n = (i * 5) + j }) }).ToArray(),
            });
            Assert.Equal(0, put.GetProperty("FailedEntryCount").GetInt32());
            accepted.AddRange(put.GetProperty("Entries").EnumerateArray().Select(e => e.GetProperty("EventId").GetString()!));
        }

        // A tried, the queue refused on A, and A waits to retry on a clock that does not move: nothing arrived.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (down.Calls < 20 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(down.Calls >= 20, $"A tried {down.Calls} deliveries");
        Assert.Empty(await ClusterOnPostgres.DrainAsync(b, queueUrl, 0, TimeSpan.FromMilliseconds(500)));

        // Within A's lease B leaves A's events alone.
        for (var i = 0; i < 2; i++)
        {
            clockB.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(200);
        }

        Assert.Empty(await ClusterOnPostgres.DrainAsync(b, queueUrl, 0, TimeSpan.FromMilliseconds(500)));

        // Past A's lease, B's heartbeat takes them over and delivers every one.
        var delivered = new List<string>();
        for (var i = 0; i < 40 && delivered.Count < accepted.Count; i++)
        {
            clockB.Advance(TimeSpan.FromSeconds(10));
            delivered.AddRange(await ClusterOnPostgres.DrainAsync(b, queueUrl, accepted.Count - delivered.Count, TimeSpan.FromMilliseconds(500)));
        }

        delivered.AddRange(await ClusterOnPostgres.DrainAsync(b, queueUrl, 0, TimeSpan.FromMilliseconds(500)));
        Assert.Equal(accepted.Order(StringComparer.Ordinal), delivered.Select(d => JsonDocument.Parse(d).RootElement.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }
}
