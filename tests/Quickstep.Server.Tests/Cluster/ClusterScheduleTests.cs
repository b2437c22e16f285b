using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Quickstep.Json;
using Quickstep.Storage.Tests.Postgres;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// Three in-process nodes on one PostgreSQL database and one fake clock: a schedule fires once per due time
/// (only the holder of the "scheduler" lease fires), also when a node stops halfway and another takes over. The
/// target is a state machine, so every run is an execution in the shared database. The fake clock runs about 250
/// times faster than the nodes' loops get to run, so the lease is long (10 minutes, renewed every 200 s): a lease of
/// 30 s lasted 120 ms of real time and lapsed on a loaded machine, handing the lead to a second node mid-test. The
/// takeover here comes from the stopped node releasing its lease, which does not wait for expiry.
/// </summary>
public sealed class ClusterScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThreeNodes_RateSchedule_FiresOncePerDueTime()
    {
        var (connection, url) = await ClusterOnPostgres.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(T0);
        var dir = Path.Combine(Path.GetTempPath(), "qs-cluster-sched-" + Guid.NewGuid().ToString("N"));
        var nodes = new List<QuickstepServer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await QuickstepServer.StartAsync(
                    new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, "n" + i, "q.db"), Store = url, NodeId = "n" + i, NodeLease = TimeSpan.FromMinutes(10), TimeProvider = clock },
                    logging => logging.SetMinimumLevel(LogLevel.Warning)));
            }

            // Created through the last node: the leader (whichever it is) sees it from the database.
            using var http = new HttpClient { BaseAddress = nodes[1].BaseAddress };
            var (status, body) = await InProcessServer.Call(http, "CreateStateMachine", """
                {"name":"tick","definition":"{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}","roleArn":"arn:aws:iam::123456789012:role/r","type":"EXPRESS"}
                """);
            Assert.True(status == 200, body.ToString());
            await nodes[2].Triggers.Scheduler.InvokeAsync("CreateSchedule", Json("""
                {"Name":"tick","ScheduleExpression":"rate(1 minute)","FlexibleTimeWindow":{"Mode":"OFF"},
                 "Target":{"Arn":"arn:aws:states:us-east-1:123456789012:stateMachine:tick","RoleArn":"arn:aws:iam::123456789012:role/r","Input":"{\"t\":\"<aws.scheduler.scheduled-time>\"}"}}
                """));

            await AdvanceAsync(clock, TimeSpan.FromMinutes(5));
            await WaitForRunsAsync(connection, 6);
            // One node fired them all: the holder of the scheduler lease.
            var firing = nodes.Where(n => n.Triggers.Scheduler.Runner.Delivered > 0).ToList();
            Assert.Single(firing);
            // A node stops (it may be the leader: then it releases the lease and another one takes over).
            await nodes[0].DisposeAsync();
            nodes.RemoveAt(0);
            await AdvanceAsync(clock, TimeSpan.FromMinutes(5));
            await WaitForRunsAsync(connection, 11);
            // Nothing more arrives: no node fired a due time twice.
            await Task.Delay(1000);
            var received = await RunsAsync(connection);

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

    /// <summary>The scheduled time of every execution the schedule started, on any node.</summary>
    private static async Task<List<DateTimeOffset>> RunsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT input FROM executions", db);
        await using var r = await read.ExecuteReaderAsync();
        var runs = new List<DateTimeOffset>();
        while (await r.ReadAsync())
        {
            using var input = System.Text.Json.JsonDocument.Parse(r.GetString(0));
            runs.Add(DateTimeOffset.Parse(input.RootElement.GetProperty("t").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }

        return runs;
    }

    private static async Task WaitForRunsAsync(string connection, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await RunsAsync(connection)).Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }
}
