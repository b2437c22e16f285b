using Quickstep.Engine;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Storage.Tests;

/// <summary>GetExecutionHistory reads one page from the store; the retention purge deletes in bounded transactions (issue 18, defect 8).</summary>
[Collection(nameof(AllocationCollection))]
public sealed class HistoryPageAndPurgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ExecutionRecord Finished(string name, DateTimeOffset stop) => new()
    {
        Arn = $"arn:aws:states:us-east-1:123456789012:express:sm:{name}:u",
        StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:sm",
        Name = name,
        Status = ExecutionStatus.Succeeded,
        Input = "{}",
        StartDate = stop,
        StopDate = stop,
    };

    private static async Task StoreAsync(SqliteStore store, ExecutionRecord e, IReadOnlyList<HistoryRecord> history)
    {
        Assert.True(await store.TryInsertExecutionAsync(e with { Status = ExecutionStatus.Running, StopDate = null }, enqueue: false));
        await store.CompleteExecutionAsync(e, history, []);
    }

    private static List<HistoryRecord> Events(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new HistoryRecord(i, "{\"id\":" + i + ",\"type\":\"PassStateEntered\",\"details\":{\"input\":\"{\\\"s\\\":\\\"" + new string('x', i % 50) + "\\\"}\"}}"))];

    [Theory]
    [InlineData(null, 100, false)]
    [InlineData(1234L, 100, false)]
    [InlineData(4990L, 100, false)]
    [InlineData(null, 100, true)]
    [InlineData(2500L, 7, true)]
    [InlineData(3L, 100, true)]
    [InlineData(5000L, 100, false)]
    public async Task GetHistoryPage_MatchesTheWholeHistoryFiltered(long? after, int limit, bool reverse)
    {
        await using var db = new TempDatabase();
        await using var store = await db.OpenAsync();
        var e = Finished("h", T0);
        var events = Events(5000);
        await StoreAsync(store, e, events);

        var page = await store.GetHistoryPageAsync(e.Arn, after, limit, reverse);
        var ordered = reverse ? events.OrderByDescending(h => h.Id) : events.OrderBy(h => h.Id);
        var expected = ordered.Where(h => after is not long a || (reverse ? h.Id < a : h.Id > a)).Take(limit).ToList();
        Assert.Equal(expected, page);
    }

    [Fact]
    public async Task GetHistoryPage_UnknownExecution_IsEmpty()
    {
        await using var db = new TempDatabase();
        await using var store = await db.OpenAsync();
        Assert.Empty(await store.GetHistoryPageAsync("arn:aws:states:us-east-1:123456789012:express:sm:none:u", null, 10, false));
    }

    [Fact]
    public async Task GetHistoryPage_FirstPageOfAHugeHistory_DoesNotReadItWhole()
    {
        await using var db = new TempDatabase();
        await using var store = await db.OpenAsync();
        var e = Finished("big", T0);
        var events = Events(200_000);
        await StoreAsync(store, e, events);
        events = null;
        GC.Collect();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var page = await store.GetHistoryPageAsync(e.Arn, null, 101, reverse: false);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(Enumerable.Range(1, 101).Select(i => (long)i), page.Select(h => h.Id));

        before = GC.GetTotalAllocatedBytes(precise: true);
        Assert.Equal(200_000, (await store.GetHistoryAsync(e.Arn)).Count);
        var whole = GC.GetTotalAllocatedBytes(precise: true) - before;
        // The whole history is ~20 MB of text; one page is a few buffers.
        Assert.True(allocated < 2 * 1024 * 1024 && allocated * 20 < whole, $"a page allocated {allocated} bytes, the whole history {whole}");
    }

    [Theory]
    [InlineData(500, 1234)]
    [InlineData(7, 50)]
    [InlineData(10, 10)]
    public async Task Purge_InBatches_DeletesEveryOldExecutionAndNothingElse(int batch, int old)
    {
        await using var db = new TempDatabase();
        await using var store = await db.OpenAsync(batch);
        for (var i = 0; i < old; i++)
        {
            await StoreAsync(store, Finished($"old{i}", T0), [new HistoryRecord(1, "{}")]);
        }

        var fresh = Finished("fresh", T0.AddDays(10));
        await StoreAsync(store, fresh, [new HistoryRecord(1, "{}")]);

        Assert.Equal(old, await store.PurgeExecutionsAsync(T0.AddDays(1)));
        Assert.Null(await store.GetExecutionAsync(Finished("old0", T0).Arn));
        Assert.Empty(await store.GetHistoryAsync(Finished($"old{old - 1}", T0).Arn));
        Assert.NotNull(await store.GetExecutionAsync(fresh.Arn));
        Assert.Single(await store.GetHistoryAsync(fresh.Arn));
        Assert.Equal(0, await store.PurgeExecutionsAsync(T0.AddDays(1)));
    }

    [Fact]
    public async Task Purge_WriteQueuedDuringIt_CommitsBeforeThePurgeEnds()
    {
        await using var db = new TempDatabase();
        await using var store = await db.OpenAsync(purgeBatchSize: 1);
        for (var i = 0; i < 400; i++)
            await StoreAsync(store, Finished($"old{i}", T0), [new HistoryRecord(1, "{}")]);
        Assert.NotNull(await store.GetExecutionAsync(Finished("old399", T0).Arn));

        var purge = store.PurgeExecutionsAsync(T0.AddDays(1));
        await Task.Delay(5);
        await store.TryInsertExecutionAsync(Finished("during", T0.AddDays(5)) with { Status = ExecutionStatus.Running, StopDate = null }, enqueue: true);
        Assert.False(purge.IsCompleted, "one transaction per execution: the insert should not have waited for 400 of them");
        Assert.Equal(400, await purge);
    }
}
