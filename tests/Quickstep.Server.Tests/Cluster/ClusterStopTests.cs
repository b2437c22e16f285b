using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// StopExecution through another node than the one running the execution, on one PostgreSQL database: the record ends
/// ABORTED with the stop's error and cause, the running node hears of it (LISTEN/NOTIFY) and stops its run, and nothing
/// the interrupted run writes afterwards changes the record.
/// </summary>
public sealed class ClusterStopTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task StopThroughAnotherNode_AbortsTheRunOnItsNode_AndTheStatusStaysAborted()
    {
        await using var cluster = await ClusterOnPostgres.CreateAsync();
        // A fake clock nobody moves until the end: only the notification can reach the running node in time (its heartbeat waits for the clock).
        var clock = new FakeTimeProvider(T0);
        var a = await cluster.StartAsync("a", clock, TimeSpan.FromSeconds(30));
        var b = await cluster.StartAsync("b", clock, TimeSpan.FromSeconds(30));
        var machine = await ClusterOnPostgres.StatesAsync(a, "CreateStateMachine", new
        {
            name = "waits",
            definition = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"Done"},"Done":{"Type":"Pass","Result":"late","End":true}}}""",
            roleArn = "arn:aws:iam::123456789012:role/r",
            type = "EXPRESS",
        });
        var started = await ClusterOnPostgres.StatesAsync(a, "StartExecution", new { stateMachineArn = machine.GetProperty("stateMachineArn").GetString(), input = "{}" });
        var arn = started.GetProperty("executionArn").GetString()!;
        await WaitUntilAsync(() => a.Executions.Running(arn) is not null, "the execution runs on A");

        await ClusterOnPostgres.StatesAsync(b, "StopExecution", new { executionArn = arn, error = "Operator.Stop", cause = "stopped through node b" });

        foreach (var node in new[] { a, b })
        {
            var described = await ClusterOnPostgres.StatesAsync(node, "DescribeExecution", new { executionArn = arn });
            Assert.Equal("ABORTED", described.GetProperty("status").GetString());
            Assert.Equal("Operator.Stop", described.GetProperty("error").GetString());
            Assert.Equal("stopped through node b", described.GetProperty("cause").GetString());
        }

        // A stopped its run promptly, though its clock stands still, and stored the run's history ending with the abort.
        await WaitUntilAsync(() => a.Executions.Running(arn) is null, "A's run ends");
        var events = await HistoryAsync(b, arn);
        for (var tries = 0; tries < 200 && (events.Length == 0 || events[^1].GetProperty("type").GetString() != "ExecutionAborted"); tries++)
        {
            // A writes its run's end behind its answer: give the write a moment to commit.
            await Task.Delay(50);
            events = await HistoryAsync(b, arn);
        }

        Assert.Equal("ExecutionAborted", events[^1].GetProperty("type").GetString());
        var aborted = events[^1].GetProperty("executionAbortedEventDetails");
        Assert.Equal("Operator.Stop", aborted.GetProperty("error").GetString());
        Assert.Equal("stopped through node b", aborted.GetProperty("cause").GetString());
        Assert.DoesNotContain(events, e => e.GetProperty("type").GetString() is "WaitStateExited" or "ExecutionSucceeded");

        // Well after the Wait would have ended, nothing has changed the record.
        for (var i = 0; i < 12; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(50);
        }

        await Task.Delay(500);
        foreach (var node in new[] { a, b })
        {
            var described = await ClusterOnPostgres.StatesAsync(node, "DescribeExecution", new { executionArn = arn });
            Assert.Equal("ABORTED", described.GetProperty("status").GetString());
            Assert.Equal("Operator.Stop", described.GetProperty("error").GetString());
        }

        Assert.Equal("ExecutionAborted", (await HistoryAsync(a, arn))[^1].GetProperty("type").GetString());
    }

    private static async Task<JsonElement[]> HistoryAsync(QuickstepServer node, string arn) =>
        [.. (await ClusterOnPostgres.StatesAsync(node, "GetExecutionHistory", new { executionArn = arn, maxResults = 1000 })).GetProperty("events").EnumerateArray()];

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(20);
        }
    }
}
