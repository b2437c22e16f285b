using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Quickstep.Storage.Objects;
using Quickstep.Storage.Postgres;
using Quickstep.Storage.Tests.Contracts;

namespace Quickstep.Storage.Tests.Postgres;

/// <summary>Several nodes (each its own pool and listener) on one database: every claim goes to one of them only.</summary>
public sealed class PostgresClusterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const long Now = 1_000_000;

    private static async Task<List<PostgresServiceStores>> NodesAsync(PostgresServiceStoreHost host, int count, List<ServiceStoreSet> handles)
    {
        // Started together: their migrations run once under the advisory lock.
        var opened = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => host.OpenNodeAsync()));
        handles.AddRange(opened.Select(o => o.Set));
        return [.. opened.Select(o => o.Stores)];
    }

    private static async Task<object?> ScalarAsync(PostgresServiceStoreHost host, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task CloseAsync(List<ServiceStoreSet> nodes)
    {
        foreach (var n in nodes)
            await n.DisposeAsync();
    }

    private static async Task SendAsync(PostgresMessageQueueStore store, string queue, int count, Func<int, string?>? group = null)
    {
        var seqs = await store.ReserveSeqsAsync(count);
        await store.AddMessagesAsync([.. seqs.Select((s, i) => new StoredMessageRecord
        {
            Queue = queue, Seq = s, MessageId = "m" + s, Body = "body " + i, SentMs = Now - 10, VisibleAtMs = Now - 10, GroupId = group?.Invoke(i),
        })]);
    }

    [Fact]
    public async Task Receive_FromTwoNodesInParallel_HandsEachMessageToOneReceiverOnce()
    {
        var host = await PostgresServiceStoreHost.CreateAsync();
        var handles = new List<ServiceStoreSet>();
        try
        {
            var nodes = await NodesAsync(host, 2, handles);
            await SendAsync(nodes[0].MessageQueues, "q", 300);
            var received = new ConcurrentBag<StoredMessageRecord>();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(r => Task.Run(async () =>
            {
                var node = nodes[r % 2].MessageQueues;
                while (true)
                {
                    var batch = await node.ReceiveAsync("q", 10, Now, 60_000, fifo: false);
                    if (batch.Count == 0)
                        return;
                    foreach (var m in batch)
                        received.Add(m);
                }
            })));
            Assert.Equal(300, received.Count);
            Assert.Equal(300, received.Select(m => m.Seq).Distinct().Count());
            Assert.All(received, m => Assert.Equal((1, Now, Now + 60_000), (m.ReceiveCount, m.FirstReceiveMs, m.VisibleAtMs)));
            // In flight until the visibility timeout, then visible again with its count kept.
            Assert.Empty(await nodes[1].MessageQueues.ReceiveAsync("q", 10, Now + 59_999, 1000, fifo: false));
            var again = await nodes[1].MessageQueues.ReceiveAsync("q", 10, Now + 60_000, 1000, fifo: false);
            Assert.Equal(10, again.Count);
            Assert.All(again, m => Assert.Equal((2, Now), (m.ReceiveCount, m.FirstReceiveMs)));
            Assert.True(await nodes[0].MessageQueues.DeleteReceivedAsync(again[0].Seq, 2));
            Assert.False(await nodes[0].MessageQueues.DeleteReceivedAsync(again[1].Seq, 1)); // a stale receipt: a later receive took it
        }
        finally
        {
            await CloseAsync(handles);
        }
    }

    [Fact]
    public async Task Receive_WithRedrive_UnderConcurrency_CountsExactly_AndDeadLettersEachOnce()
    {
        var host = await PostgresServiceStoreHost.CreateAsync();
        var handles = new List<ServiceStoreSet>();
        try
        {
            var nodes = await NodesAsync(host, 2, handles);
            await SendAsync(nodes[0].MessageQueues, "q", 60);
            var redrive = new PostgresRedrive("dlq", "arn:aws:sqs:us-east-1:1:q", 3);
            var receives = new ConcurrentDictionary<long, int>();
            // Visibility 0: every message is visible again at once, so receivers race for every receive of it.
            await Task.WhenAll(Enumerable.Range(0, 8).Select(r => Task.Run(async () =>
            {
                var node = nodes[r % 2].MessageQueues;
                while (true)
                {
                    var batch = await node.ReceiveAsync("q", 5, Now, 0, fifo: false, redrive);
                    if (batch.Count == 0)
                        return;
                    foreach (var m in batch)
                        receives.AddOrUpdate(m.Seq, 1, (_, n) => n + 1);
                }
            })));
            Assert.Equal(60, receives.Count);
            Assert.All(receives.Values, n => Assert.Equal(3, n));
            var all = await nodes[1].MessageQueues.LoadMessagesAsync();
            Assert.Equal(60, all.Count);
            Assert.All(all, m => Assert.Equal(("dlq", 3, "arn:aws:sqs:us-east-1:1:q"), (m.Queue, m.ReceiveCount, m.SourceQueueArn)));
        }
        finally
        {
            await CloseAsync(handles);
        }
    }

    [Fact]
    public async Task FifoReceive_AcrossNodes_NeverHandsAGroupToTwoReceivers_AndKeepsItsOrder()
    {
        var host = await PostgresServiceStoreHost.CreateAsync();
        var handles = new List<ServiceStoreSet>();
        try
        {
            var nodes = await NodesAsync(host, 2, handles);
            await SendAsync(nodes[0].MessageQueues, "q.fifo", 240, i => "g" + (i % 4));
            var held = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var order = new ConcurrentDictionary<string, ConcurrentQueue<long>>(StringComparer.Ordinal);
            var violations = 0;
            var deleted = 0;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(r => Task.Run(async () =>
            {
                var node = nodes[r % 2].MessageQueues;
                while (Volatile.Read(ref deleted) < 240)
                {
                    var batch = await node.ReceiveAsync("q.fifo", 3, Now, 600_000, fifo: true);
                    foreach (var g in batch.Select(m => m.GroupId!).Distinct())
                    {
                        if (!held.TryAdd(g, r))
                            Interlocked.Increment(ref violations);
                    }

                    foreach (var m in batch)
                        order.GetOrAdd(m.GroupId!, _ => new ConcurrentQueue<long>()).Enqueue(m.Seq);
                    // Released before the delete commits: the group stays blocked until then, so a receive in between finds nothing of it.
                    foreach (var g in batch.Select(m => m.GroupId!).Distinct())
                        held.TryRemove(g, out _);
                    foreach (var m in batch)
                    {
                        Assert.True(await node.DeleteReceivedAsync(m.Seq, m.ReceiveCount));
                        Interlocked.Increment(ref deleted);
                    }
                }
            })));
            Assert.Equal(0, violations);
            Assert.Equal(4, order.Count);
            foreach (var (_, seqs) in order)
            {
                Assert.Equal(60, seqs.Count);
                Assert.Equal(seqs.Order(), seqs);
            }

            Assert.Empty(await nodes[0].MessageQueues.LoadMessagesAsync());
        }
        finally
        {
            await CloseAsync(handles);
        }
    }

    [Fact]
    public async Task FifoReceive_InFlightMessage_BlocksItsGroupOnEveryNode_UntilDeletedOrVisible()
    {
        var host = await PostgresServiceStoreHost.CreateAsync();
        var handles = new List<ServiceStoreSet>();
        try
        {
            var nodes = await NodesAsync(host, 2, handles);
            await SendAsync(nodes[0].MessageQueues, "q.fifo", 4, i => i < 3 ? "a" : "b");
            var first = Assert.Single(await nodes[0].MessageQueues.ReceiveAsync("q.fifo", 1, Now, 30_000, fifo: true));
            Assert.Equal("a", first.GroupId);
            // Group a is in flight: the other node gets only group b.
            var other = await nodes[1].MessageQueues.ReceiveAsync("q.fifo", 10, Now, 60_000, fifo: true);
            Assert.Equal(["b"], other.Select(m => m.GroupId));
            Assert.Empty(await nodes[1].MessageQueues.ReceiveAsync("q.fifo", 10, Now + 29_999, 30_000, fifo: true));
            // The visibility timeout passes: the same message comes back first, then the rest of its group in order.
            var again = await nodes[1].MessageQueues.ReceiveAsync("q.fifo", 10, Now + 30_000, 30_000, fifo: true);
            Assert.Equal([first.Seq, first.Seq + 1, first.Seq + 2], again.Select(m => m.Seq));
        }
        finally
        {
            await CloseAsync(handles);
        }
    }

    [Fact]
    public async Task Send_OnOneNode_WakesSubscribersOnEveryNode()
    {
        var host = await PostgresServiceStoreHost.CreateAsync();
        var handles = new List<ServiceStoreSet>();
        try
        {
            var nodes = await NodesAsync(host, 2, handles);
            var woken = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var other = new ConcurrentBag<string>();
            using var subscription = nodes[1].MessageQueues.SubscribeToSends(q =>
            {
                if (q == "orders")
                    woken.TrySetResult(q);
                else
                    other.Add(q);
            });
            await nodes[1].MessageQueues.Listening;
            await SendAsync(nodes[0].MessageQueues, "orders", 1);
            Assert.Equal("orders", await woken.Task.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Empty(other);

            // A move to a dead-letter queue wakes the dead-letter queue's waiters too.
            var dead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var dlq = nodes[1].MessageQueues.SubscribeToSends(q =>
            {
                if (q == "orders-dlq")
                    dead.TrySetResult();
            });
            Assert.Single(await nodes[0].MessageQueues.ReceiveAsync("orders", 1, Now, 0, fifo: false));
            Assert.Empty(await nodes[0].MessageQueues.ReceiveAsync("orders", 1, Now, 0, fifo: false, new PostgresRedrive("orders-dlq", "arn:orders", 1)));
            await dead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await CloseAsync(handles);
        }
    }

    [Fact]
    public async Task EventOutbox_ListedByTwoNodesAtOnce_IsClaimedOnce_AndAgainAfterTheLease()
    {
        var time = new FakeTimeProvider(T0);
        var host = await PostgresServiceStoreHost.CreateAsync(new PostgresServiceStoreOptions { TimeProvider = time, ClaimLease = TimeSpan.FromMinutes(1) });
        var handles = new List<ServiceStoreSet>();
        try
        {
            var nodes = await NodesAsync(host, 2, handles);
            await nodes[0].EventBuses.AppendEventsAsync([.. Enumerable.Range(0, 200).Select(i => new StoredEvent { Id = "e" + i, EventBusName = "default", Json = "{}", ReceivedTime = T0 })]);
            var claimed = new ConcurrentBag<long>();
            await Task.WhenAll(Enumerable.Range(0, 6).Select(r => Task.Run(async () =>
            {
                var node = nodes[r % 2].EventBuses;
                var after = 0L;
                while (true)
                {
                    var page = await node.ListUndeliveredEventsAsync(after, 7);
                    if (page.Count == 0)
                        return;
                    foreach (var e in page)
                        claimed.Add(e.Sequence);
                    after = page[^1].Sequence;
                }
            })));
            Assert.Equal(200, claimed.Count);
            Assert.Equal(200, claimed.Distinct().Count());

            var delivered = claimed.Order().Take(150).ToList();
            await nodes[0].EventBuses.MarkDeliveredAsync(delivered);
            Assert.Empty(await nodes[1].EventBuses.ListUndeliveredEventsAsync(0, 500));
            // The claimer died without marking the rest: after the lease another node takes them, and only those.
            time.Advance(TimeSpan.FromMinutes(1));
            var retaken = await nodes[1].EventBuses.ListUndeliveredEventsAsync(0, 500);
            Assert.Equal(claimed.Order().Skip(150), retaken.Select(e => e.Sequence));
            Assert.Empty(await nodes[0].EventBuses.ListUndeliveredEventsAsync(0, 500));
        }
        finally
        {
            await CloseAsync(handles);
        }
    }

    [Fact]
    public async Task Schedules_ThreeNodesAdvancingTogether_WriteEachRunOnce_AndEachDeliveryIsClaimedOnce()
    {
        var host = await PostgresServiceStoreHost.CreateAsync(new PostgresServiceStoreOptions { ClaimLease = TimeSpan.FromMinutes(1) });
        var handles = new List<ServiceStoreSet>();
        try
        {
            var nodes = await NodesAsync(host, 3, handles);
            for (var i = 0; i < 20; i++)
            {
                await nodes[0].Schedules.TryCreateScheduleAsync(new ScheduleRecord
                {
                    GroupName = "default",
                    Name = "s" + i,
                    Arn = "arn:s" + i,
                    State = "ENABLED",
                    Json = "{}",
                    NextFire = T0,
                    TargetArn = "arn:t",
                });
            }

            // Every node sees the same due schedules and advances them at once: the compare-and-set lets one through per schedule.
            var written = await Task.WhenAll(nodes.Select(n => Task.Run(async () =>
            {
                var due = await n.Schedules.ListDueSchedulesAsync(T0, 100);
                return await n.Schedules.AdvanceAsync([.. due.Select(s => new ScheduleAdvance(s.GroupName, s.Name, T0, T0.AddMinutes(1),
                    [new ScheduleDeliveryRecord { GroupName = s.GroupName, Name = s.Name, ScheduledTime = T0, Due = T0, Json = "{}" }]))]);
            })));
            Assert.Equal(20, written.Sum(w => w.Count));
            Assert.Equal(20, written.SelectMany(w => w).Select(d => d.Name).Distinct().Count());

            var claimed = await Task.WhenAll(nodes.Select(n => Task.Run(async () =>
            {
                var mine = new List<ScheduleDeliveryRecord>();
                while (true)
                {
                    var due = await n.Schedules.ListDueDeliveriesAsync(T0.AddSeconds(1), 3);
                    if (due.Count == 0)
                        return mine;
                    mine.AddRange(due);
                }
            })));
            Assert.Equal(20, claimed.Sum(c => c.Count));
            Assert.Equal(20, claimed.SelectMany(c => c).Select(d => d.Id).Distinct().Count());
            // Claimed runs do not make a waiting runner spin: the earliest due time is the end of the claims (or the next runs).
            Assert.Equal(T0.AddMinutes(1), await nodes[2].Schedules.EarliestDueAsync());
            // Unfinished claims expire: a node that died holding them delays them by the lease, no more.
            Assert.Equal(20, (await nodes[2].Schedules.ListDueDeliveriesAsync(T0.AddSeconds(1).AddMinutes(1), 100)).Count);
        }
        finally
        {
            await CloseAsync(handles);
        }
    }

    [Fact]
    public async Task ObjectBodies_WrittenOnOneNode_ReadOnAnother_InChunks_AndSettleAfterTheGrace()
    {
        var time = new FakeTimeProvider(T0);
        var host = await PostgresServiceStoreHost.CreateAsync(new PostgresServiceStoreOptions { TimeProvider = time, UnreferencedBodyGrace = TimeSpan.FromMinutes(10) });
        var handles = new List<ServiceStoreSet>();
        try
        {
            var nodes = await NodesAsync(host, 2, handles);
            var body = new byte[(PostgresObjectBodyStore.ChunkSize * 2) + 12345];
            for (var i = 0; i < body.Length; i++)
                body[i] = (byte)(i * 31 % 251);
            const string Id = "0123456789abcdef0123456789abcdef";
            await using (var writer = await nodes[0].ObjectBodies.CreateAsync(Id))
            {
                await writer.WriteAsync(body);
                // Not visible to another node before it is complete.
                Assert.Null(await nodes[1].ObjectBodies.OpenReadAsync(Id, 0, 0));
                Assert.Equal(body.Length, await writer.CompleteAsync());
            }

            await using (var read = await nodes[1].ObjectBodies.OpenReadAsync(Id, PostgresObjectBodyStore.ChunkSize - 3, PostgresObjectBodyStore.ChunkSize + 6))
            {
                using var copy = new MemoryStream();
                await read!.CopyToAsync(copy);
                Assert.Equal(body.AsSpan(PostgresObjectBodyStore.ChunkSize - 3, PostgresObjectBodyStore.ChunkSize + 6).ToArray(), copy.ToArray());
            }

            Assert.Equal(3L, await ScalarAsync(host, $"SELECT count(*) FROM s3_bodies WHERE file_id='{Id}'"));
            // Another node may be between committing this body and its record: it is not offered for collection before the grace.
            time.Advance(TimeSpan.FromMinutes(9));
            Assert.DoesNotContain(Id, await nodes[1].ObjectBodies.ListSettledIdsAsync());
            time.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal([Id], await nodes[1].ObjectBodies.ListSettledIdsAsync());
            await nodes[1].ObjectBodies.DeleteAsync([Id]);
            Assert.Null(await nodes[0].ObjectBodies.OpenReadAsync(Id, 0, 0));
            Assert.Equal(0L, await ScalarAsync(host, "SELECT count(*) FROM s3_bodies"));
        }
        finally
        {
            await CloseAsync(handles);
        }
    }

    [Fact]
    public async Task ObjectPuts_RacingOnOneKeyFromTwoNodes_OneCreateWins_AndEveryReplacedFileIsReportedOnce()
    {
        var host = await PostgresServiceStoreHost.CreateAsync();
        var handles = new List<ServiceStoreSet>();
        try
        {
            var nodes = await NodesAsync(host, 2, handles);
            await nodes[0].Objects.TryCreateBucketAsync(new BucketRecord("b", T0, "us-east-1"));
            ObjectRecord Put(string key, string file) => new() { Bucket = "b", Key = key, Size = 1, ETag = "\"e\"", LastModified = T0, ContentType = "x", FileId = file };

            // If-None-Match: * from four writers on two nodes at once: one creates each key, the others fail.
            var creates = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => Task.Run(() =>
                nodes[i % 2].Objects.PutObjectAsync(Put("k" + (i / 4), "c" + i), new ObjectWriteCondition(true, null)))));
            Assert.Equal(20, creates.Count(o => o.Status == ObjectPutStatus.Stored));
            Assert.Equal(60, creates.Count(o => o.Status == ObjectPutStatus.PreconditionFailed));

            // Plain overwrites of one key: every file but the last is reported replaced, once, so none is left behind.
            var first = (await nodes[0].Objects.GetObjectAsync("b", "k0"))!.FileId;
            var puts = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => nodes[i % 2].Objects.PutObjectAsync(Put("k0", "p" + i)))));
            var last = (await nodes[1].Objects.GetObjectAsync("b", "k0"))!.FileId;
            var replaced = puts.Select(p => p.ReplacedFileId!).ToList();
            Assert.Equal(30, replaced.Distinct().Count());
            Assert.Equal(Enumerable.Range(0, 30).Select(i => "p" + i).Append(first).Order(StringComparer.Ordinal), replaced.Append(last).Order(StringComparer.Ordinal));
        }
        finally
        {
            await CloseAsync(handles);
        }
    }

    [Fact]
    public async Task ReserveSeqs_AreUniqueAcrossNodes_AndAboveMessagesStoredBefore()
    {
        var host = await PostgresServiceStoreHost.CreateAsync();
        var handles = new List<ServiceStoreSet>();
        try
        {
            var first = await NodesAsync(host, 1, handles);
            await first[0].MessageQueues.AddMessagesAsync([new StoredMessageRecord { Queue = "q", Seq = 500, MessageId = "m", Body = "b", SentMs = 1, VisibleAtMs = 1 }]);
            var nodes = await NodesAsync(host, 2, handles);
            var reserved = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => nodes[i % 2].MessageQueues.ReserveSeqsAsync(25)));
            var all = reserved.SelectMany(r => r).ToList();
            Assert.Equal(250, all.Distinct().Count());
            Assert.True(all.Min() > 500);
        }
        finally
        {
            await CloseAsync(handles);
        }
    }
}
