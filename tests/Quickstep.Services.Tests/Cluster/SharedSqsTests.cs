using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Quickstep.Json;
using Quickstep.Services.Sqs;
using Quickstep.Storage.Postgres;
using Quickstep.Storage.Tests.Postgres;

namespace Quickstep.Services.Tests.Cluster;

/// <summary>Two SQS services ("nodes"), each with its own pool and listener, on one PostgreSQL database.</summary>
public sealed class SharedSqsTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<SqsService> _services = [];
    private string _cs = null!;
    private SqsService _a = null!;
    private SqsService _b = null!;

    public async Task InitializeAsync()
    {
        _cs = await PostgresServer.CreateDatabaseAsync();
        _a = await NodeAsync(_cs);
        _b = await NodeAsync(_cs);
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _services)
            s.Dispose();
        foreach (var o in _owned)
            await o.DisposeAsync();
    }

    private async Task<SqsService> NodeAsync(string cs, TimeProvider? clock = null)
    {
        var db = PostgresDatabase.Open(cs);
        var store = new PostgresMessageQueueStore(db);
        _owned.Add(store);
        _owned.Add(db);
        await store.InitializeAsync();
        var service = await SqsService.CreateAsync(new SqsServiceOptions { Store = store, TimeProvider = clock ?? TimeProvider.System });
        _services.Add(service);
        // The service subscribed to sends; wait until the listener runs, so sends from now on reach it.
        await store.Listening;
        return service;
    }

    private static async Task<JObject> Call(SqsService node, string operation, object input) =>
        (JObject)await node.InvokeAsync(operation, (JObject)JsonText.Parse(JsonSerializer.Serialize(input)));

    private static List<JObject> Messages(JObject received) =>
        received["Messages"] is JArray a ? [.. a.Cast<JObject>()] : [];

    private static string S(JObject o, string name) => ((JString)o[name]!).Value;

    private static async Task<string> CreateAsync(SqsService node, string name, Dictionary<string, string>? attributes = null) =>
        S(await Call(node, "CreateQueue", new { QueueName = name, Attributes = attributes ?? [] }), "QueueUrl");

    private static async Task<string> CountAsync(SqsService node, string url, string attribute) =>
        S((JObject)(await Call(node, "GetQueueAttributes", new { QueueUrl = url, AttributeNames = new[] { "All" } }))["Attributes"]!, attribute);

    [Fact]
    public async Task Send_OnA_IsReceivedOnBOnce_AndDeleted()
    {
        var url = await CreateAsync(_a, "q1");
        await Call(_a, "SendMessage", new { QueueUrl = url, MessageBody = "hello" });
        var onB = Messages(await Call(_b, "ReceiveMessage", new { QueueUrl = url, VisibilityTimeout = 30, AttributeNames = new[] { "All" } }));
        Assert.Equal("hello", S(Assert.Single(onB), "Body"));
        Assert.Equal("1", S((JObject)onB[0]["Attributes"]!, "ApproximateReceiveCount"));
        Assert.Empty(Messages(await Call(_a, "ReceiveMessage", new { QueueUrl = url })));
        Assert.Equal("1", await CountAsync(_a, url, "ApproximateNumberOfMessagesNotVisible"));
        await Call(_b, "DeleteMessage", new { QueueUrl = url, ReceiptHandle = S(onB[0], "ReceiptHandle") });
        Assert.Equal("0", await CountAsync(_a, url, "ApproximateNumberOfMessagesNotVisible"));
        Assert.Equal("0", await CountAsync(_a, url, "ApproximateNumberOfMessages"));
    }

    [Fact]
    public async Task LongPoll_OnB_WakesSoonAfterASendOnA()
    {
        var url = await CreateAsync(_a, "q2");
        // B knows the queue before it waits.
        await Call(_b, "GetQueueUrl", new { QueueName = "q2" });
        var poll = Call(_b, "ReceiveMessage", new { QueueUrl = url, WaitTimeSeconds = 10 });
        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        Assert.False(poll.IsCompleted);
        await Call(_a, "SendMessage", new { QueueUrl = url, MessageBody = "wake" });
        var sent = Stopwatch.StartNew();
        var got = Messages(await poll);
        sent.Stop();
        Assert.Equal("wake", S(Assert.Single(got), "Body"));
        // The recheck without a notification comes 1 s after the poll began (800 ms after the send): well above this.
        Assert.True(sent.ElapsedMilliseconds < 400, $"woke {sent.ElapsedMilliseconds} ms after the send");
    }

    [Fact]
    public async Task ThousandMessages_ReceivedByBothNodesConcurrently_EachExactlyOnce()
    {
        var url = await CreateAsync(_a, "q3");
        for (var batch = 0; batch < 100; batch++)
        {
            var entries = Enumerable.Range(0, 10).Select(i => new { Id = "e" + i, MessageBody = "m" + ((batch * 10) + i) }).ToArray();
            var sendOn = batch % 2 == 0 ? _a : _b;
            Assert.Empty((JArray)(await Call(sendOn, "SendMessageBatch", new { QueueUrl = url, Entries = entries }))["Failed"]!);
        }

        var bodies = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(r => Task.Run(async () =>
        {
            var node = r % 2 == 0 ? _a : _b;
            while (true)
            {
                var got = Messages(await Call(node, "ReceiveMessage", new { QueueUrl = url, MaxNumberOfMessages = 10, VisibilityTimeout = 120 }));
                if (got.Count == 0)
                    return;
                foreach (var m in got)
                    bodies.Add(S(m, "Body"));
                var entries = got.Select((m, i) => new { Id = "d" + i, ReceiptHandle = S(m, "ReceiptHandle") }).ToArray();
                Assert.Empty((JArray)(await Call(node, "DeleteMessageBatch", new { QueueUrl = url, Entries = entries }))["Failed"]!);
            }
        })));
        Assert.Equal(1000, bodies.Count);
        Assert.Equal(1000, bodies.Distinct().Count());
        Assert.Equal("0", await CountAsync(_b, url, "ApproximateNumberOfMessages"));
        Assert.Equal("0", await CountAsync(_b, url, "ApproximateNumberOfMessagesNotVisible"));
    }

    [Fact]
    public async Task Redrive_AfterMaxReceiveCountAcrossNodes_MovesToTheDeadLetterQueueOnce()
    {
        var dlq = await CreateAsync(_b, "dead");
        var dlqArn = S((JObject)(await Call(_b, "GetQueueAttributes", new { QueueUrl = dlq, AttributeNames = new[] { "QueueArn" } }))["Attributes"]!, "QueueArn");
        var url = await CreateAsync(_a, "src", new() { ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"2"}""" });
        await Call(_a, "SendMessage", new { QueueUrl = url, MessageBody = "poison" });
        Assert.Single(Messages(await Call(_a, "ReceiveMessage", new { QueueUrl = url, VisibilityTimeout = 0 })));
        Assert.Single(Messages(await Call(_b, "ReceiveMessage", new { QueueUrl = url, VisibilityTimeout = 0 })));
        // Received twice: the third receive (on either node) moves it instead of handing it out.
        Assert.Empty(Messages(await Call(_a, "ReceiveMessage", new { QueueUrl = url })));
        Assert.Empty(Messages(await Call(_b, "ReceiveMessage", new { QueueUrl = url })));
        var dead = Messages(await Call(_a, "ReceiveMessage", new { QueueUrl = dlq, AttributeNames = new[] { "All" } }));
        var m = Assert.Single(dead);
        Assert.Equal("poison", S(m, "Body"));
        Assert.EndsWith(":src", S((JObject)m["Attributes"]!, "DeadLetterQueueSourceArn"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifo_GroupsStayInOrder_AcrossNodes()
    {
        var url = await CreateAsync(_a, "f.fifo", new() { ["FifoQueue"] = "true", ["ContentBasedDeduplication"] = "true" });
        for (var i = 0; i < 30; i++)
            await Call(i % 2 == 0 ? _a : _b, "SendMessage", new { QueueUrl = url, MessageBody = $"g{i % 3}-{i:D2}", MessageGroupId = "g" + (i % 3) });
        var seen = new ConcurrentQueue<string>();
        var order = new ConcurrentDictionary<string, List<string>>();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(r => Task.Run(async () =>
        {
            var node = r % 2 == 0 ? _a : _b;
            var idle = 0;
            while (idle < 3)
            {
                var got = Messages(await Call(node, "ReceiveMessage", new { QueueUrl = url, MaxNumberOfMessages = 2, VisibilityTimeout = 120 }));
                idle = got.Count == 0 ? idle + 1 : 0;
                foreach (var m in got)
                {
                    var body = S(m, "Body");
                    var list = order.GetOrAdd(body[..2], _ => []);
                    // A group's next message is handed out only after the one before it is deleted: appends never race.
                    list.Add(body);
                    await Call(node, "DeleteMessage", new { QueueUrl = url, ReceiptHandle = S(m, "ReceiptHandle") });
                }
            }
        })));
        Assert.Equal(30, order.Values.Sum(l => l.Count));
        foreach (var (group, list) in order)
            Assert.Equal(list.Order(StringComparer.Ordinal), list);
    }

    [Fact]
    public async Task Fifo_DeduplicationId_SentThroughBothNodes_IsStoredOnce()
    {
        var url = await CreateAsync(_a, "d.fifo", new() { ["FifoQueue"] = "true" });
        var first = await Call(_a, "SendMessage", new { QueueUrl = url, MessageBody = "first", MessageGroupId = "g", MessageDeduplicationId = "d1" });
        // The same id through the other node within five minutes: answered with the first send, not stored.
        var again = await Call(_b, "SendMessage", new { QueueUrl = url, MessageBody = "second", MessageGroupId = "g", MessageDeduplicationId = "d1" });
        Assert.Equal(S(first, "MessageId"), S(again, "MessageId"));
        Assert.Equal(S(first, "SequenceNumber"), S(again, "SequenceNumber"));
        // A batch on B: a repeat of A's id, a new id, and that new id again inside the batch.
        var batch = await Call(_b, "SendMessageBatch", new
        {
            QueueUrl = url,
            Entries = new[]
            {
                new { Id = "x", MessageBody = "third", MessageGroupId = "g", MessageDeduplicationId = "d1" },
                new { Id = "y", MessageBody = "fourth", MessageGroupId = "g", MessageDeduplicationId = "d2" },
                new { Id = "z", MessageBody = "fifth", MessageGroupId = "g", MessageDeduplicationId = "d2" },
            },
        });
        var ok = ((JArray)batch["Successful"]!).Cast<JObject>().ToDictionary(e => S(e, "Id"), e => S(e, "MessageId"));
        Assert.Equal(S(first, "MessageId"), ok["x"]);
        Assert.Equal(ok["y"], ok["z"]);
        Assert.NotEqual(ok["x"], ok["y"]);
        Assert.Equal(["first", "fourth"], await DrainAsync(_a, _b, url));
    }

    [Fact]
    public async Task Fifo_DeduplicationId_IsFreeAgainFiveMinutesAfterItsSend_OnTheOtherNode()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var a = await NodeAsync(_cs, clock);
        var b = await NodeAsync(_cs, clock);
        var url = await CreateAsync(a, "t.fifo", new() { ["FifoQueue"] = "true" });
        var first = S(await Call(a, "SendMessage", new { QueueUrl = url, MessageBody = "one", MessageGroupId = "g", MessageDeduplicationId = "d" }), "MessageId");
        clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(first, S(await Call(b, "SendMessage", new { QueueUrl = url, MessageBody = "two", MessageGroupId = "g", MessageDeduplicationId = "d" }), "MessageId"));
        clock.Advance(TimeSpan.FromSeconds(2));
        // Five minutes after the first send (not after the repeat) the id is free.
        Assert.NotEqual(first, S(await Call(b, "SendMessage", new { QueueUrl = url, MessageBody = "three", MessageGroupId = "g", MessageDeduplicationId = "d" }), "MessageId"));
        Assert.Equal(["one", "three"], await DrainAsync(a, b, url));
    }

    [Fact]
    public async Task Fifo_ContentBasedDeduplication_ConcurrentSendsOnBothNodes_StoreOneMessage()
    {
        var url = await CreateAsync(_a, "c.fifo", new() { ["FifoQueue"] = "true", ["ContentBasedDeduplication"] = "true" });
        await Call(_b, "GetQueueUrl", new { QueueName = "c.fifo" });
        // Twenty sends of one body at once, half through each node: every node's claim of the id goes through the database.
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Call(i % 2 == 0 ? _a : _b, "SendMessage", new { QueueUrl = url, MessageBody = "same", MessageGroupId = "g" + i }))));
        Assert.Single(answers.Select(a => S(a, "MessageId")).Distinct());
        Assert.Equal(["same"], await DrainAsync(_a, _b, url));
        Assert.Equal("0", await CountAsync(_a, url, "ApproximateNumberOfMessages"));
    }

    [Fact]
    public async Task Fifo_ConcurrentBatchesWithTheSameIdsInOppositeOrders_StoreEachIdOnce()
    {
        var url = await CreateAsync(_a, "b.fifo", new() { ["FifoQueue"] = "true" });
        await Call(_b, "GetQueueUrl", new { QueueName = "b.fifo" });
        // Twelve batches at once on both nodes claim the same ten ids, half of them backwards.
        var batches = await Task.WhenAll(Enumerable.Range(0, 12).Select(r => Task.Run(() =>
        {
            var ids = r % 2 == 0 ? Enumerable.Range(0, 10) : Enumerable.Range(0, 10).Reverse();
            var entries = ids.Select(i => new { Id = "e" + i, MessageBody = $"m{i}-r{r}", MessageGroupId = "g" + i, MessageDeduplicationId = "d" + i }).ToArray();
            return Call(r % 4 < 2 ? _a : _b, "SendMessageBatch", new { QueueUrl = url, Entries = entries });
        })));
        Assert.All(batches, b => Assert.Empty((JArray)b["Failed"]!));
        // Every batch answers each id with the one message stored for it.
        var byId = batches.SelectMany(b => ((JArray)b["Successful"]!).Cast<JObject>()).GroupBy(e => S(e, "Id")).ToList();
        Assert.Equal(10, byId.Count);
        Assert.All(byId, g => Assert.Single(g.Select(e => S(e, "MessageId")).Distinct()));
        var stored = await DrainAsync(_a, _b, url);
        Assert.Equal(10, stored.Count);
        Assert.Equal(10, stored.Select(b => b[..b.IndexOf('-', StringComparison.Ordinal)]).Distinct().Count());
    }

    [Fact]
    public async Task Fifo_GroupInFlightOnA_DeliversNothingOfTheGroupOnB_UntilDeleted()
    {
        var url = await CreateAsync(_a, "o.fifo", new() { ["FifoQueue"] = "true", ["ContentBasedDeduplication"] = "true" });
        foreach (var body in new[] { "g-1", "g-2", "g-3" })
            await Call(_a, "SendMessage", new { QueueUrl = url, MessageBody = body, MessageGroupId = "g" });
        await Call(_b, "SendMessage", new { QueueUrl = url, MessageBody = "h-1", MessageGroupId = "h" });
        // A takes g's first two messages in one receive.
        var onA = Messages(await Call(_a, "ReceiveMessage", new { QueueUrl = url, MaxNumberOfMessages = 2, VisibilityTimeout = 60 }));
        Assert.Equal(["g-1", "g-2"], onA.Select(m => S(m, "Body")));
        // While g has messages in flight on A, B gets only h's.
        Assert.Equal(["h-1"], Messages(await Call(_b, "ReceiveMessage", new { QueueUrl = url, MaxNumberOfMessages = 10, VisibilityTimeout = 60 })).Select(m => S(m, "Body")));
        // g-1 comes back, but g-2 is still in flight on A: g stays closed, or B would run g-1 again beside A's g-2.
        await Call(_a, "ChangeMessageVisibility", new { QueueUrl = url, ReceiptHandle = S(onA[0], "ReceiptHandle"), VisibilityTimeout = 0 });
        Assert.Empty(Messages(await Call(_b, "ReceiveMessage", new { QueueUrl = url, MaxNumberOfMessages = 10 })));
        await Call(_a, "DeleteMessage", new { QueueUrl = url, ReceiptHandle = S(onA[1], "ReceiptHandle") });
        // Nothing of g in flight any more: g-1 first again, then g-3.
        var onB = Messages(await Call(_b, "ReceiveMessage", new { QueueUrl = url, MaxNumberOfMessages = 10, VisibilityTimeout = 60 }));
        Assert.Equal(["g-1", "g-3"], onB.Select(m => S(m, "Body")));
    }

    /// <summary>Receives and deletes every message of a queue through both nodes in turn; the bodies in receive order.</summary>
    private static async Task<List<string>> DrainAsync(SqsService a, SqsService b, string url)
    {
        var bodies = new List<string>();
        for (var turn = 0; ; turn++)
        {
            var node = turn % 2 == 0 ? a : b;
            var got = Messages(await Call(node, "ReceiveMessage", new { QueueUrl = url, MaxNumberOfMessages = 10, VisibilityTimeout = 60 }));
            if (got.Count == 0)
                return bodies;
            foreach (var m in got)
            {
                bodies.Add(S(m, "Body"));
                await Call(node, "DeleteMessage", new { QueueUrl = url, ReceiptHandle = S(m, "ReceiptHandle") });
            }
        }
    }

    [Fact]
    public async Task Queue_CreatedOnA_IsVisibleOnBAtOnce_AndDeletedOnBWithinTheCache()
    {
        var url = await CreateAsync(_a, "q6");
        Assert.Equal(url, S(await Call(_b, "GetQueueUrl", new { QueueName = "q6" }), "QueueUrl"));
        await Call(_b, "DeleteQueue", new { QueueUrl = url });
        // A reads the queues again once its copy is older than the 1 s cache.
        await Task.Delay(TimeSpan.FromMilliseconds(1_100), TimeProvider.System);
        var ex = await Assert.ThrowsAsync<Quickstep.Aws.AwsServiceException>(async () => await Call(_a, "GetQueueUrl", new { QueueName = "q6" }));
        Assert.Equal("QueueDoesNotExist", ex.Code);
    }
}
