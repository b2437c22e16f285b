using Microsoft.Extensions.Time.Testing;
using Quickstep.Engine;

namespace Quickstep.Storage.Tests;

/// <summary>
/// What every <see cref="IQuickstepStore"/> does, run against each store by a subclass that says how to open one
/// (<see cref="CreateDatabase"/>). "Reopen" is a restart: for a store shared by nodes, a new node after the old
/// one's lease expired.
/// </summary>
public abstract partial class StoreContractTests
{
    /// <summary>A fresh, empty database; each <see cref="IStoreDatabase.OpenAsync"/> opens a store on it.</summary>
    protected abstract IStoreDatabase CreateDatabase();

    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    protected const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:sm";

    internal static StateMachineRecord Machine(string name = "sm") => new()
    {
        Arn = $"arn:aws:states:us-east-1:123456789012:stateMachine:{name}",
        Name = name,
        Definition = """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""",
        RoleArn = "arn:aws:iam::123456789012:role/r",
        Type = "EXPRESS",
        LoggingConfiguration = """{"level":"OFF","includeExecutionData":false}""",
        TracingConfiguration = """{"enabled":false}""",
        RevisionId = "r1",
        CreationDate = T0,
    };

    protected static ExecutionRecord Execution(string name, DateTimeOffset start) => new()
    {
        Arn = $"arn:aws:states:us-east-1:123456789012:express:sm:{name}:u",
        StateMachineArn = Sm,
        Name = name,
        Status = ExecutionStatus.Running,
        Input = "{}",
        StartDate = start,
    };

    [Fact]
    public async Task StateMachine_CreateGetUpdateListDelete_RoundTrips()
    {
        await using var db = CreateDatabase();
        await using var store = await db.OpenAsync();
        Assert.True(await store.TryCreateStateMachineAsync(Machine(), [new ResourceTag("k", "v")]));
        Assert.False(await store.TryCreateStateMachineAsync(Machine(), []));
        Assert.True(await store.TryCreateStateMachineAsync(Machine("another"), []));

        var got = await store.GetStateMachineAsync(Sm);
        Assert.Equal(Machine(), got);
        await store.UpdateStateMachineAsync(got! with { RevisionId = "r2", UpdateDate = T0.AddHours(1) });
        Assert.Equal("r2", (await store.GetStateMachineAsync(Sm))!.RevisionId);
        Assert.Equal(T0.AddHours(1), (await store.GetStateMachineAsync(Sm))!.UpdateDate);

        var page1 = await store.ListStateMachinesAsync(null, 1);
        var page2 = await store.ListStateMachinesAsync(page1.NextKey, 1);
        Assert.Equal(["another", "sm"], page1.Items.Concat(page2.Items).Select(s => s.Name));
        Assert.Null(page2.NextKey);

        Assert.Equal([new ResourceTag("k", "v")], await store.GetTagsAsync(Sm));
        Assert.True(await store.DeleteStateMachineAsync(Sm));
        Assert.False(await store.DeleteStateMachineAsync(Sm));
        Assert.Null(await store.GetStateMachineAsync(Sm));
        Assert.Empty(await store.GetTagsAsync(Sm));
    }

    [Fact]
    public async Task VersionsAliasesTags_RoundTrip()
    {
        await using var db = CreateDatabase();
        await using var store = await db.OpenAsync();
        await store.TryCreateStateMachineAsync(Machine(), []);
        for (var v = 1; v <= 3; v++)
        {
            await store.AddVersionAsync(new StateMachineVersionRecord
            {
                Arn = $"{Sm}:{v}",
                StateMachineArn = Sm,
                Version = v,
                Definition = "{}",
                RoleArn = "r",
                LoggingConfiguration = "{}",
                TracingConfiguration = "{}",
                RevisionId = $"r{v}",
                Description = v == 2 ? "two" : null,
                CreationDate = T0.AddMinutes(v),
            });
        }

        Assert.Equal([3, 2, 1], (await store.ListVersionsAsync(Sm, null, 10)).Items.Select(v => v.Version));
        Assert.Equal("two", (await store.GetVersionAsync($"{Sm}:2"))!.Description);

        var alias = new StateMachineAliasRecord
        {
            Arn = $"{Sm}:live",
            StateMachineArn = Sm,
            Name = "live",
            RoutingConfiguration = [new($"{Sm}:1", 80), new($"{Sm}:2", 20)],
            CreationDate = T0,
            UpdateDate = T0,
        };
        Assert.True(await store.TryCreateAliasAsync(alias));
        Assert.False(await store.TryCreateAliasAsync(alias));
        var got = await store.GetAliasAsync(alias.Arn);
        Assert.Equal(alias.RoutingConfiguration, got!.RoutingConfiguration);
        await store.UpdateAliasAsync(alias with { RoutingConfiguration = [new($"{Sm}:3", 100)], Description = "d" });
        Assert.Equal(100, (await store.GetAliasAsync(alias.Arn))!.RoutingConfiguration.Single().Weight);
        Assert.Single((await store.ListAliasesAsync(Sm, null, 10)).Items);

        await store.SetTagsAsync(alias.Arn, [new("a", "1"), new("b", "2")]);
        await store.SetTagsAsync(alias.Arn, [new("a", "3")]);
        await store.RemoveTagsAsync(alias.Arn, ["b"]);
        Assert.Equal([new ResourceTag("a", "3")], await store.GetTagsAsync(alias.Arn));

        Assert.True(await store.DeleteAliasAsync(alias.Arn));
        Assert.True(await store.DeleteVersionAsync($"{Sm}:3"));
        Assert.Equal(2, (await store.ListVersionsAsync(Sm, null, 10)).Items.Count);
    }

    [Fact]
    public async Task Executions_CompleteStoresHistoryLogsUsageAndListsNewestFirst()
    {
        await using var db = CreateDatabase();
        await using var store = await db.OpenAsync();
        var a = Execution("a", T0);
        var b = Execution("b", T0.AddSeconds(1));
        Assert.True(await store.TryInsertExecutionAsync(a, enqueue: true));
        Assert.False(await store.TryInsertExecutionAsync(a, enqueue: true));
        Assert.True(await store.TryInsertExecutionAsync(b, enqueue: false));
        Assert.Equal(QueueState.Accepted, await store.GetQueueStateAsync(a.Arn));
        Assert.Null(await store.GetQueueStateAsync(b.Arn));

        await store.MarkRunningAsync(a.Arn);
        Assert.Equal(QueueState.Running, await store.GetQueueStateAsync(a.Arn));
        var done = a with { Status = ExecutionStatus.Succeeded, Output = "{\"x\":1}", StopDate = T0.AddMilliseconds(150), BilledDurationMilliseconds = 200, BilledMemoryMegabytes = 64 };
        await store.CompleteExecutionAsync(done, [new HistoryRecord(1, "{\"id\":1}"), new HistoryRecord(2, "{\"id\":2}")], [new LogRecord(1, T0, "{\"id\":\"1\"}")]);
        Assert.Equal(QueueState.Done, await store.GetQueueStateAsync(a.Arn));
        Assert.Equal(done, await store.GetExecutionAsync(a.Arn));
        Assert.Equal([1L, 2L], (await store.GetHistoryAsync(a.Arn)).Select(h => h.Id));
        Assert.Single(await store.GetLogsAsync(a.Arn));

        Assert.Equal(["b", "a"], (await store.ListExecutionsAsync(Sm, null, null, 10)).Items.Select(e => e.Name));
        Assert.Equal(["a"], (await store.ListExecutionsAsync(Sm, ExecutionStatus.Succeeded, null, 10)).Items.Select(e => e.Name));
        Assert.Single(await store.FindExecutionsAsync(Sm, "b", ExecutionStatus.Running));

        var usage = Assert.Single(await store.GetUsageAsync());
        Assert.Equal(new UsageRecord(Sm, 1, 200, 200 * 64), usage);
    }

    [Fact]
    public async Task Queue_AfterReopen_AcceptedAndRunningComeBackOldestFirst()
    {
        await using var db = CreateDatabase();
        await using (var store = await db.OpenAsync())
        {
            foreach (var n in new[] { "x1", "x2", "x3" })
                await store.TryInsertExecutionAsync(Execution(n, T0), enqueue: true);
            await store.MarkRunningAsync(Execution("x2", T0).Arn);
            await store.MarkRunningAsync(Execution("x3", T0).Arn);
            await store.CompleteExecutionAsync(Execution("x3", T0) with { Status = ExecutionStatus.Succeeded, StopDate = T0 }, [], []);
        }

        await using var reopened = await db.OpenAsync();
        var pending = await reopened.RecoverQueueAsync();
        Assert.Equal([Execution("x1", T0).Arn, Execution("x2", T0).Arn], pending);
        Assert.Equal(QueueState.Accepted, await reopened.GetQueueStateAsync(Execution("x2", T0).Arn));
    }

    [Fact]
    public async Task MarkRunning_CountsAttemptsAcrossReopen()
    {
        await using var db = CreateDatabase();
        var arn = Execution("p", T0).Arn;
        await using (var store = await db.OpenAsync())
        {
            await store.TryInsertExecutionAsync(Execution("p", T0), enqueue: true);
            Assert.Equal(1, await store.MarkRunningAsync(arn));
            Assert.Equal(0, await store.MarkRunningAsync(Execution("nothing", T0).Arn));
        }

        for (var expected = 2; expected <= 4; expected++)
        {
            await using var reopened = await db.OpenAsync();
            Assert.Equal([arn], await reopened.RecoverQueueAsync());
            Assert.Equal(expected, await reopened.MarkRunningAsync(arn));
        }
    }

    [Fact]
    public async Task Retention_FakeClock_PurgesOnlyOldFinishedExecutions()
    {
        await using var db = CreateDatabase();
        await using var store = await db.OpenAsync();
        var clock = new FakeTimeProvider(T0);
        var old = Execution("old", T0) with { Status = ExecutionStatus.Succeeded, StopDate = T0 };
        var running = Execution("running", T0);
        // Inserted RUNNING, then ended: a store may refuse to end a record that is not RUNNING any more (PostgreSQL does).
        await store.TryInsertExecutionAsync(old with { Status = ExecutionStatus.Running, StopDate = null }, enqueue: false);
        await store.CompleteExecutionAsync(old, [new HistoryRecord(1, "{}")], [new LogRecord(1, T0, "{}")]);
        await store.TryInsertExecutionAsync(running, enqueue: false);

        var job = new RetentionJob(store, new RetentionOptions { Period = TimeSpan.FromDays(90), Interval = TimeSpan.FromDays(1) }, clock);
        using var cts = new CancellationTokenSource();
        var loop = job.RunAsync(cts.Token);

        clock.Advance(TimeSpan.FromDays(89));
        await Task.Delay(100, CancellationToken.None);
        Assert.NotNull(await store.GetExecutionAsync(old.Arn));

        var fresh = Execution("fresh", T0.AddDays(89)) with { Status = ExecutionStatus.Failed, StopDate = T0.AddDays(89) };
        await store.TryInsertExecutionAsync(fresh, enqueue: false);

        clock.Advance(TimeSpan.FromDays(2));
        await WaitUntil(async () => await store.GetExecutionAsync(old.Arn) is null);
        Assert.Empty(await store.GetHistoryAsync(old.Arn));
        Assert.Empty(await store.GetLogsAsync(old.Arn));
        Assert.NotNull(await store.GetExecutionAsync(running.Arn));
        Assert.NotNull(await store.GetExecutionAsync(fresh.Arn));
        Assert.Single(await store.GetUsageAsync());

        await cts.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task AbortInterruptedSyncExecutions_OnlyRunningSyncOnes()
    {
        await using var db = CreateDatabase();
        var sync = Execution("s", T0) with { Sync = true };
        var async = Execution("a", T0);
        await using (var before = await db.OpenAsync())
        {
            await before.TryInsertExecutionAsync(sync, enqueue: false);
            await before.TryInsertExecutionAsync(async, enqueue: true);
        }

        // At the next start, the sync execution that was running when its node stopped.
        await using var store = await db.OpenAsync();
        Assert.Equal(1, await store.AbortInterruptedSyncExecutionsAsync(T0.AddMinutes(1), "E", "C"));
        var s = await store.GetExecutionAsync(sync.Arn);
        Assert.Equal((ExecutionStatus.Aborted, "E", "C", T0.AddMinutes(1)), (s!.Status, s.Error, s.Cause, s.StopDate!.Value));
        Assert.Equal(ExecutionStatus.Running, (await store.GetExecutionAsync(async.Arn))!.Status);
    }

    [Fact]
    public async Task ConcurrentWrites_AllLand()
    {
        await using var db = CreateDatabase();
        await using var store = await db.OpenAsync();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => store.TryInsertExecutionAsync(Execution($"c{i}", T0), enqueue: true)));
        await using var reopened = await db.OpenAsync();
        Assert.Equal(50, (await reopened.RecoverQueueAsync()).Count);
    }

    [Fact]
    public async Task SyncExecution_CompletedBeforeItsInsertRan_OneFinalRowInStartOrder()
    {
        await using var db = CreateDatabase();
        await using var store = await db.OpenAsync();
        var first = Execution("s1", T0) with { Sync = true };
        var second = Execution("s2", T0) with { Sync = true };
        // Not awaited: the completions are queued behind the inserts, as the server does for unnamed sync executions.
        var inserts = new[] { store.TryInsertExecutionAsync(first, enqueue: false), store.TryInsertExecutionAsync(second, enqueue: false) };
        var done1 = first with { Status = ExecutionStatus.Succeeded, Output = "{}", StopDate = T0.AddMilliseconds(5), BilledDurationMilliseconds = 100, BilledMemoryMegabytes = 64 };
        var done2 = second with { Status = ExecutionStatus.Failed, Error = "E", Cause = "C", StopDate = T0.AddMilliseconds(6), BilledDurationMilliseconds = 100, BilledMemoryMegabytes = 64 };
        await Task.WhenAll(
            store.CompleteExecutionAsync(done2, [new HistoryRecord(1, "{\"id\":1}")], []),
            store.CompleteExecutionAsync(done1, [new HistoryRecord(1, "{\"id\":1}"), new HistoryRecord(2, "{\"type\":\"x\",\"id\":2}")], [new LogRecord(1, T0, "{\"id\":\"1\"}")]));
        Assert.All(await Task.WhenAll(inserts), Assert.True);

        Assert.Equal(done1, await store.GetExecutionAsync(first.Arn));
        Assert.Equal(done2, await store.GetExecutionAsync(second.Arn));
        Assert.Equal(["s2", "s1"], (await store.ListExecutionsAsync(Sm, null, null, 10)).Items.Select(e => e.Name));
        Assert.Equal([new HistoryRecord(1, "{\"id\":1}"), new HistoryRecord(2, "{\"type\":\"x\",\"id\":2}")], await store.GetHistoryAsync(first.Arn));
        Assert.Equal([new LogRecord(1, T0, "{\"id\":\"1\"}")], await store.GetLogsAsync(first.Arn));
        Assert.Equal(new UsageRecord(Sm, 2, 200, 200 * 64), Assert.Single(await store.GetUsageAsync()));
        Assert.False(await store.TryInsertExecutionAsync(first, enqueue: false));
    }

    [Fact]
    public async Task WriteBehind_ReadsSeeIt_AndDisposeCommitsIt()
    {
        await using var db = CreateDatabase();
        var sync = Execution("wb1", T0) with { Sync = true };
        var done = sync with { Status = ExecutionStatus.Succeeded, Output = "{}", StopDate = T0.AddMilliseconds(3), BilledDurationMilliseconds = 100, BilledMemoryMegabytes = 64 };
        var errors = new List<Exception>();
        await using (var store = await db.OpenAsync())
        {
            await store.InsertExecutionBehindAsync(sync, errors.Add);
            await store.CompleteExecutionBehindAsync(done, [new HistoryRecord(1, "{\"id\":1}")], [], firstRun: true, errors.Add);
            // No await of any write: the read waits for what was queued before it.
            Assert.Equal(done, await store.GetExecutionAsync(sync.Arn));
            Assert.Equal([new HistoryRecord(1, "{\"id\":1}")], await store.GetHistoryAsync(sync.Arn));

            var second = Execution("wb2", T0) with { Sync = true };
            await store.InsertExecutionBehindAsync(second, errors.Add);
            await store.CompleteExecutionBehindAsync(second with { Status = ExecutionStatus.Failed, StopDate = T0 }, [], [], firstRun: true, errors.Add);
        }

        await using var reopened = await db.OpenAsync();
        Assert.Equal(ExecutionStatus.Failed, (await reopened.GetExecutionAsync(Execution("wb2", T0).Arn))?.Status);
        Assert.Equal(2, Assert.Single(await reopened.GetUsageAsync()).Executions);
        Assert.Empty(errors);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
                return;
            await Task.Delay(50);
        }

        Assert.Fail("condition not reached");
    }

    [Fact]
    public async Task ListExecutions_KeysetPages_StayCorrectWhileExecutionsStart()
    {
        await using var db = CreateDatabase();
        await using var store = await db.OpenAsync();
        for (var i = 0; i < 5; i++)
            Assert.True(await store.TryInsertExecutionAsync(Execution("e" + i, T0.AddSeconds(i)), enqueue: false));
        var first = await store.ListExecutionsAsync(Sm, null, null, 2);
        Assert.Equal(["e4", "e3"], first.Items.Select(e => e.Name));
        // Two start between the pages: with offsets the next page would repeat e3 and e4.
        Assert.True(await store.TryInsertExecutionAsync(Execution("late1", T0.AddSeconds(10)), enqueue: false));
        Assert.True(await store.TryInsertExecutionAsync(Execution("late2", T0.AddSeconds(11)), enqueue: false));
        var second = await store.ListExecutionsAsync(Sm, null, first.NextKey, 2);
        Assert.Equal(["e2", "e1"], second.Items.Select(e => e.Name));
        var last = await store.ListExecutionsAsync(Sm, null, second.NextKey, 2);
        Assert.Equal(["e0"], last.Items.Select(e => e.Name));
        Assert.Null(last.NextKey);
    }
}
