using Quickstep.Engine;

namespace Quickstep.Storage.Tests.Postgres;

/// <summary>
/// The executions' group commit on PostgreSQL: writes queued without waiting for each other commit together, with
/// the result of committing them one by one in their order; a final record only replaces a RUNNING one, and usage
/// counts each execution once, by whichever final record won (on this node or another).
/// </summary>
public sealed class PostgresGroupCommitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:sm";
    private const string OtherSm = "arn:aws:states:us-east-1:123456789012:stateMachine:other";

    [Fact]
    public async Task QueuedTogether_AStopBeatsTheRunsLateEnd_UsageCountedOncePerExecution()
    {
        await using var db = new PostgresTestDatabase();
        await using var store = await db.OpenAsync();
        var runs = Enumerable.Range(0, 40).Select(i => Execution("together" + i, i % 2 == 0 ? Sm : OtherSm)).ToList();
        // The last ones end on their own before anything else is queued: their stops change nothing.
        var endedBefore = runs[^4..];
        foreach (var r in endedBefore)
        {
            Assert.True(await store.TryInsertExecutionAsync(r, enqueue: true));
            await store.CompleteExecutionAsync(r with { Status = ExecutionStatus.Succeeded, StopDate = T0.AddSeconds(1), BilledDurationMilliseconds = 7, BilledMemoryMegabytes = 64 }, [], []);
        }

        var fresh = runs[..^4];
        HistoryRecord[] aborted = [new HistoryRecord(1, "{\"type\":\"ExecutionAborted\"}")];
        var inserts = fresh.ConvertAll(r => store.TryInsertExecutionAsync(r, enqueue: true));
        var stops = runs.ConvertAll(r => store.TryStopExecutionAsync(Ended(r, ExecutionStatus.Aborted, "Op.Stop", 100)));
        // Each run then ends because of the stop (ABORTED: its history is kept under the stop's record), or late as SUCCEEDED.
        var ends = fresh.ConvertAll(r => fresh.IndexOf(r) % 3 == 0
            ? store.CompleteExecutionAsync(Ended(r, ExecutionStatus.Succeeded, null, 900), [new HistoryRecord(1, "{}")], [])
            : store.CompleteExecutionAsync(Ended(r, ExecutionStatus.Aborted, "States.Aborted", 800), aborted, []));
        var secondStops = runs.ConvertAll(r => store.TryStopExecutionAsync(Ended(r, ExecutionStatus.Aborted, "Later", 700)));

        Assert.All(await Task.WhenAll(inserts), inserted => Assert.True(inserted));
        Assert.Equal(runs.ConvertAll(r => !endedBefore.Contains(r)), await Task.WhenAll(stops));
        await Task.WhenAll(ends);
        Assert.All(await Task.WhenAll(secondStops), again => Assert.False(again));

        for (var i = 0; i < fresh.Count; i++)
        {
            var stored = await store.GetExecutionAsync(fresh[i].Arn);
            Assert.Equal((ExecutionStatus.Aborted, "Op.Stop", 100L), (stored!.Status, stored.Error, stored.BilledDurationMilliseconds));
            Assert.Equal(QueueState.Done, await store.GetQueueStateAsync(fresh[i].Arn));
            IReadOnlyList<HistoryRecord> history = i % 3 == 0 ? [] : aborted;
            Assert.Equal(history, await store.GetHistoryAsync(fresh[i].Arn));
        }

        foreach (var r in endedBefore)
        {
            var stored = await store.GetExecutionAsync(r.Arn);
            Assert.Equal((ExecutionStatus.Succeeded, 7L), (stored!.Status, stored.BilledDurationMilliseconds));
        }

        // Per state machine, 18 stopped and 2 ended before: the stops' billing, never the late ends' nor the second stops'.
        const long Ms = (18 * 100) + (2 * 7);
        Assert.Equal([new UsageRecord(OtherSm, 20, Ms, Ms * 64), new UsageRecord(Sm, 20, Ms, Ms * 64)], await store.GetUsageAsync());
    }

    [Fact]
    public async Task QueuedTogether_InsertAndEndOfOneExecution_CommitInOrder()
    {
        await using var db = new PostgresTestDatabase();
        await using var store = await db.OpenAsync();
        var runs = Enumerable.Range(0, 30).Select(i => Execution("short" + i, Sm) with { Sync = i % 2 == 0 }).ToList();
        var writes = new List<Task>();
        foreach (var r in runs)
        {
            writes.Add(r.Sync ? store.InsertExecutionBehindAsync(r, e => Assert.Fail(e.Message)) : store.TryInsertExecutionAsync(r, enqueue: true));
            writes.Add(store.CompleteExecutionAsync(Ended(r, ExecutionStatus.Succeeded, null, 10), [new HistoryRecord(1, "{}")], []));
        }

        // A name used again in the same batch is not inserted twice, and an end queued before a record exists changes nothing.
        var again = store.TryInsertExecutionAsync(runs[1], enqueue: true);
        var early = Execution("early", Sm);
        var endBeforeInsert = store.TryStopExecutionAsync(Ended(early, ExecutionStatus.Aborted, "Op.Stop", 10));
        var late = store.TryInsertExecutionAsync(early, enqueue: true);
        await Task.WhenAll(writes);
        Assert.False(await again);
        Assert.False(await endBeforeInsert);
        Assert.True(await late);

        Assert.Equal(ExecutionStatus.Running, (await store.GetExecutionAsync(early.Arn))!.Status);
        Assert.Equal(QueueState.Accepted, await store.GetQueueStateAsync(early.Arn));
        foreach (var r in runs)
        {
            Assert.Equal(ExecutionStatus.Succeeded, (await store.GetExecutionAsync(r.Arn))!.Status);
            Assert.Equal(r.Sync ? null : QueueState.Done, await store.GetQueueStateAsync(r.Arn));
            Assert.Equal([new HistoryRecord(1, "{}")], await store.GetHistoryAsync(r.Arn));
        }

        // Newest first, in the order queued.
        var listed = await store.ListExecutionsAsync(Sm, null, null, 100);
        Assert.Equal([early.Name, .. Enumerable.Reverse(runs).Select(r => r.Name)], listed.Items.Select(e => e.Name));
        Assert.Equal(new UsageRecord(Sm, 30, 300, 300 * 64), Assert.Single(await store.GetUsageAsync()));
    }

    [Fact]
    public async Task StopOnOneNode_EndOnAnother_OneWinsPerExecution_UsageCountedOnce()
    {
        await using var db = new PostgresTestDatabase();
        await using var running = await db.OpenNodeAsync();
        await using var stopping = await db.OpenNodeAsync();
        var runs = Enumerable.Range(0, 60).Select(i => Execution("raced" + i, i % 2 == 0 ? Sm : OtherSm)).ToList();
        await Task.WhenAll(runs.Select(r => running.TryInsertExecutionAsync(r, enqueue: true)));

        var ends = runs.ConvertAll(r => running.CompleteExecutionAsync(Ended(r, ExecutionStatus.Succeeded, null, 3), [], []));
        var stops = runs.ConvertAll(r => stopping.TryStopExecutionAsync(Ended(r, ExecutionStatus.Aborted, "Op.Stop", 5)));
        await Task.WhenAll(ends);
        var stopped = await Task.WhenAll(stops);

        long billed = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            var stored = (await running.GetExecutionAsync(runs[i].Arn))!;
            Assert.Equal(stopped[i] ? (ExecutionStatus.Aborted, 5L) : (ExecutionStatus.Succeeded, 3L), (stored.Status, stored.BilledDurationMilliseconds));
            billed += stored.BilledDurationMilliseconds;
        }

        var usage = await stopping.GetUsageAsync();
        Assert.Equal(runs.Count, usage.Sum(u => u.Executions));
        Assert.Equal((billed, billed * 64), (usage.Sum(u => u.BilledDurationMilliseconds), usage.Sum(u => u.BilledMegabyteMilliseconds)));
    }

    private static ExecutionRecord Execution(string name, string stateMachineArn) => new()
    {
        Arn = $"{stateMachineArn.Replace(":stateMachine:", ":express:", StringComparison.Ordinal)}:{name}:u",
        StateMachineArn = stateMachineArn,
        Name = name,
        Status = ExecutionStatus.Running,
        Input = "{}",
        StartDate = T0,
    };

    private static ExecutionRecord Ended(ExecutionRecord running, ExecutionStatus status, string? error, long billedMs) =>
        running with { Status = status, Error = error, Output = error is null ? "{}" : null, StopDate = T0.AddSeconds(5), BilledDurationMilliseconds = billedMs, BilledMemoryMegabytes = 64 };
}
