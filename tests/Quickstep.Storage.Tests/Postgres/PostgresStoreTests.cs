using Quickstep.Engine;
using Quickstep.Storage.Postgres;

namespace Quickstep.Storage.Tests.Postgres;

/// <summary>The store contract on PostgreSQL, and what several nodes sharing it do: leases, takeovers, leader leases.</summary>
public sealed class PostgresStoreTests : StoreContractTests
{
    protected override IStoreDatabase CreateDatabase() => new PostgresTestDatabase();

    [Fact]
    public async Task ClaimExpired_NothingWhileTheOwnerRenews_ThenTheOldestFirstOnce()
    {
        await using var db = new PostgresTestDatabase();
        await using var a = await db.OpenNodeAsync();
        await using var b = await db.OpenNodeAsync();
        foreach (var n in new[] { "q1", "q2", "q3" })
            Assert.True(await a.TryInsertExecutionAsync(Execution(n, T0), enqueue: true));
        await a.CompleteExecutionAsync(Execution("q2", T0) with { Status = ExecutionStatus.Succeeded, StopDate = T0 }, [], []);

        db.Clock.Advance(PostgresTestDatabase.Lease / 2);
        await a.RenewLeaseAsync();
        await b.RenewLeaseAsync();
        db.Clock.Advance(PostgresTestDatabase.Lease * 0.75);
        Assert.Empty(await b.ClaimExpiredAsync(100));

        // a stops renewing: once its lease is over, b takes its unfinished entries, oldest first, exactly once.
        db.Clock.Advance(PostgresTestDatabase.Lease);
        await b.RenewLeaseAsync();
        Assert.Equal([Execution("q1", T0).Arn, Execution("q3", T0).Arn], await b.ClaimExpiredAsync(100));
        Assert.Empty(await b.ClaimExpiredAsync(100));
        Assert.Equal(QueueState.Accepted, await b.GetQueueStateAsync(Execution("q1", T0).Arn));
    }

    [Fact]
    public async Task Dispose_GivesTheLeaseUp_OthersTakeOverWithoutWaiting()
    {
        await using var db = new PostgresTestDatabase();
        await using var survivor = await db.OpenNodeAsync();
        await using (var leaving = await db.OpenNodeAsync())
            Assert.True(await leaving.TryInsertExecutionAsync(Execution("left", T0), enqueue: true));
        Assert.Equal([Execution("left", T0).Arn], await survivor.ClaimExpiredAsync(10));
    }

    [Fact]
    public async Task ClaimExpired_ConcurrentClaimers_EachEntryGoesToOneNode()
    {
        await using var db = new PostgresTestDatabase();
        await using (var dead = await db.OpenNodeAsync())
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => dead.TryInsertExecutionAsync(Execution("c" + i, T0), enqueue: true)));
        db.Clock.Advance(PostgresTestDatabase.Lease * 2);
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => db.OpenNodeAsync()));
        var claims = await Task.WhenAll(nodes.SelectMany(n => Enumerable.Range(0, 4).Select(_ => n.ClaimExpiredAsync(25))));
        var more = await Task.WhenAll(nodes.Select(n => n.ClaimExpiredAsync(1000)));
        var all = claims.Concat(more).SelectMany(c => c).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct(StringComparer.Ordinal).Count());
        foreach (var n in nodes)
            await n.DisposeAsync();
    }

    [Fact]
    public async Task AbortInterruptedSync_OnlyThoseOfDeadNodes()
    {
        await using var db = new PostgresTestDatabase();
        await using var alive = await db.OpenNodeAsync();
        // Stops renewing (a stopped node would give its lease up at once; a dead one just stops).
        await using var dead = await db.OpenNodeAsync();
        await dead.TryInsertExecutionAsync(Execution("dead", T0) with { Sync = true }, enqueue: false);
        await alive.TryInsertExecutionAsync(Execution("alive", T0) with { Sync = true }, enqueue: false);
        await using var observer = await db.OpenNodeAsync();
        Assert.Equal(0, await observer.AbortInterruptedSyncExecutionsAsync(T0, "E", "C"));

        db.Clock.Advance(PostgresTestDatabase.Lease * 2);
        await alive.RenewLeaseAsync();
        await observer.RenewLeaseAsync();
        Assert.Equal(1, await observer.AbortInterruptedSyncExecutionsAsync(T0, "E", "C"));
        Assert.Equal(ExecutionStatus.Aborted, (await observer.GetExecutionAsync(Execution("dead", T0).Arn))!.Status);
        Assert.Equal(ExecutionStatus.Running, (await observer.GetExecutionAsync(Execution("alive", T0).Arn))!.Status);
    }

    [Fact]
    public async Task Usage_CompletionsFromSeveralNodes_AddUp()
    {
        await using var db = new PostgresTestDatabase();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => db.OpenNodeAsync()));
        await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var node = nodes[i % 3];
            var e = Execution("u" + i, T0);
            await node.TryInsertExecutionAsync(e, enqueue: true);
            await node.CompleteExecutionBehindAsync(e with { Status = ExecutionStatus.Succeeded, StopDate = T0, BilledDurationMilliseconds = 100, BilledMemoryMegabytes = 64 }, [new HistoryRecord(1, "{}")], [], firstRun: true, _ => { });
        }));
        foreach (var n in nodes)
            await n.DisposeAsync();
        await using var reader = await db.OpenNodeAsync();
        Assert.Equal(new UsageRecord(Sm, 300, 30_000, 30_000 * 64), Assert.Single(await reader.GetUsageAsync()));
        Assert.Equal(300, (await reader.ListExecutionsAsync(Sm, ExecutionStatus.Succeeded, null, 1000)).Items.Count);
    }

    [Fact]
    public async Task LeaderLease_OneHolder_TakenOverAfterExpiry_ReleasedAtOnce()
    {
        await using var db = new PostgresTestDatabase();
        var connection = await db.ConnectionStringAsync();
        await using var database = PostgresDatabase.Open(connection);
        var a = new PostgresLeaseStore(database, new PostgresStoreOptions { NodeId = "a", LeaseDuration = PostgresTestDatabase.Lease, TimeProvider = db.Clock });
        var b = new PostgresLeaseStore(database, new PostgresStoreOptions { NodeId = "b", LeaseDuration = PostgresTestDatabase.Lease, TimeProvider = db.Clock });
        await a.InitializeAsync();
        await b.InitializeAsync();

        Assert.True(await a.TryHoldAsync("schedules"));
        Assert.False(await b.TryHoldAsync("schedules"));
        Assert.True(await b.TryHoldAsync("retention"));
        db.Clock.Advance(PostgresTestDatabase.Lease * 0.9);
        Assert.True(await a.TryHoldAsync("schedules"));
        db.Clock.Advance(PostgresTestDatabase.Lease * 0.9);
        Assert.False(await b.TryHoldAsync("schedules"));

        db.Clock.Advance(PostgresTestDatabase.Lease * 1.1);
        Assert.True(await b.TryHoldAsync("schedules"));
        Assert.False(await a.TryHoldAsync("schedules"));
        await b.ReleaseAsync("schedules");
        Assert.True(await a.TryHoldAsync("schedules"));
    }
}
