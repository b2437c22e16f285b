using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Quickstep.Json;
using Quickstep.Storage.Tests.Postgres;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// Three in-process nodes on one PostgreSQL database and one fake clock: a schedule fires once per due time
/// (only the holder of the "scheduler" lease fires), also when a node stops halfway and another takes over.
/// </summary>
public sealed class ClusterScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThreeNodes_RateSchedule_FiresOncePerDueTime()
    {
        var connection = await PostgresServer.CreateDatabaseAsync();
        var cs = new NpgsqlConnectionStringBuilder(connection);
        var url = $"postgres://{cs.Username}@{cs.Host}:{cs.Port}/{cs.Database}";
        var clock = new FakeTimeProvider(T0);
        var dir = Path.Combine(Path.GetTempPath(), "qs-cluster-sched-" + Guid.NewGuid().ToString("N"));
        var nodes = new List<QuickstepServer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await QuickstepServer.StartAsync(
                    new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, "n" + i, "q.db"), Store = url, NodeId = "n" + i, NodeLease = TimeSpan.FromSeconds(30), TimeProvider = clock },
                    logging => logging.SetMinimumLevel(LogLevel.Warning)));
            }

            var queueUrl = ((JString)((JObject)await nodes[0].Sqs.InvokeAsync("CreateQueue", Json("""{"QueueName":"ticks"}""")))["QueueUrl"]!).Value;
            // Created through the last node: the leader (whichever it is) sees it from the database.
            await nodes[2].Triggers.Scheduler.InvokeAsync("CreateSchedule", Json("""
                {"Name":"tick","ScheduleExpression":"rate(1 minute)","FlexibleTimeWindow":{"Mode":"OFF"},
                 "Target":{"Arn":"arn:aws:sqs:us-east-1:123456789012:ticks","RoleArn":"arn:aws:iam::123456789012:role/r","Input":"<aws.scheduler.scheduled-time>"}}
                """));

            var received = new List<DateTimeOffset>();
            await AdvanceAsync(clock, TimeSpan.FromMinutes(5));
            await ReceiveUntilAsync(nodes[1], queueUrl, received, 6);
            // A node stops (it may be the leader: then it releases the lease and another one takes over).
            await nodes[0].DisposeAsync();
            nodes.RemoveAt(0);
            await AdvanceAsync(clock, TimeSpan.FromMinutes(5));
            await ReceiveUntilAsync(nodes[1], queueUrl, received, 11);
            // Nothing more arrives: no node fired a due time twice.
            await Task.Delay(500);
            await ReceiveUntilAsync(nodes[0], queueUrl, received, 11);

            Assert.Equal(Enumerable.Range(0, 11).Select(m => T0.AddMinutes(m)), received.Order());
        }
        finally
        {
            foreach (var n in nodes)
                await n.DisposeAsync();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    private static JObject Json(string text) => (JObject)JsonText.Parse(text);

    /// <summary>Moves the fake clock in 10-second steps, letting the nodes' loops run between steps.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan total)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += TimeSpan.FromSeconds(10))
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(40);
        }
    }

    /// <summary>Receives (and deletes) until <paramref name="count"/> runs arrived in all or 20 s passed.</summary>
    private static async Task ReceiveUntilAsync(QuickstepServer node, string queueUrl, List<DateTimeOffset> received, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            var result = (JObject)await node.Sqs.InvokeAsync("ReceiveMessage", Json($$"""{"QueueUrl":"{{queueUrl}}","MaxNumberOfMessages":10}"""));
            if (result.TryGetValue("Messages", out var messages) && messages is JArray list && list.Count > 0)
            {
                foreach (var m in list)
                {
                    var message = (JObject)m;
                    received.Add(DateTimeOffset.Parse(((JString)message["Body"]!).Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
                    await node.Sqs.InvokeAsync("DeleteMessage", Json($$"""{"QueueUrl":"{{queueUrl}}","ReceiptHandle":"{{((JString)message["ReceiptHandle"]!).Value}}"}"""));
                }

                continue;
            }

            if (received.Count >= count)
                return;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
    }
}
