namespace Quickstep.Storage.Tests.Contracts;

/// <summary>What every <see cref="IMessageQueueStore"/> does; run against each store by a subclass.</summary>
public abstract class MessageQueueStoreContract
{
    protected abstract Task<IServiceStoreHost> CreateHostAsync();

    protected static StoredMessageRecord Message(string queue, long seq, string body) => new()
    {
        Queue = queue,
        Seq = seq,
        MessageId = "id-" + seq,
        Body = body,
        AttributesJson = """{"a":{"StringValue":"v","DataType":"String"}}""",
        SentMs = 1000 + seq,
        VisibleAtMs = 1000 + seq,
        GroupId = "g",
        DeduplicationId = "d" + seq,
        SequenceNumber = seq.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task QueuesAndMessages_SurviveReopen_WithStateChangesAndDeletes()
    {
        await using var db = await CreateHostAsync();
        await using (var store = await db.OpenAsync())
        {
            var queues = store.Queues;
            await queues.SaveQueueAsync(new MessageQueueRecord("q", """{"VisibilityTimeout":"30"}""", """{"k":"v"}""", 1, 2));
            await queues.SaveQueueAsync(new MessageQueueRecord("dlq", "{}", "{}", 1, 1));
            await queues.SaveQueueAsync(new MessageQueueRecord("q", """{"VisibilityTimeout":"60"}""", """{"k":"v"}""", 1, 3));
            await queues.AddMessagesAsync([Message("q", 1, "one"), Message("q", 2, "two"), Message("q", 3, "three")]);
            await queues.RecordStatesAsync([new MessageStateRecord(1, "q", 99_000, 2, 5_000, null), new MessageStateRecord(3, "dlq", 7_000, 4, 6_000, "arn:src")]);
            await queues.ForgetMessagesAsync([2]);
        }

        await using (var store = await db.OpenAsync())
        {
            var queues = store.Queues;
            var loaded = await queues.LoadQueuesAsync();
            Assert.Equal(["dlq", "q"], loaded.Select(q => q.Name));
            Assert.Equal("""{"VisibilityTimeout":"60"}""", loaded[1].AttributesJson);
            Assert.Equal(3, loaded[1].ModifiedMs);
            var messages = await queues.LoadMessagesAsync();
            Assert.Equal([1L, 3L], messages.Select(m => m.Seq));
            Assert.Equal(Message("q", 1, "one") with { VisibleAtMs = 99_000, ReceiveCount = 2, FirstReceiveMs = 5_000 }, messages[0]);
            Assert.Equal(("dlq", 4, "arn:src", "three"), (messages[1].Queue, messages[1].ReceiveCount, messages[1].SourceQueueArn, messages[1].Body));

            await queues.DeleteQueueAsync("q", [1]);
            Assert.Equal(["dlq"], (await queues.LoadQueuesAsync()).Select(q => q.Name));
            Assert.Equal([3L], (await queues.LoadMessagesAsync()).Select(m => m.Seq));
        }
    }

    [Fact]
    public async Task AddMessages_KeepsEveryField_IncludingNulls_AndABatchOfMany()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        var bare = new StoredMessageRecord { Queue = "q", Seq = 1, MessageId = "m1", Body = "body \u00e9\u4e2d", SentMs = 5, VisibleAtMs = 6 };
        var batch = Enumerable.Range(2, 300).Select(i => Message("q", i, "b" + i) with { TraceHeader = "Root=" + i, SourceQueueArn = i % 2 == 0 ? "arn:x" : null }).ToList();
        await store.Queues.AddMessagesAsync([bare]);
        await store.Queues.AddMessagesAsync(batch);
        await store.Queues.FlushAsync();
        var loaded = await store.Queues.LoadMessagesAsync();
        Assert.Equal(Enumerable.Range(1, 301).Select(i => (long)i), loaded.Select(m => m.Seq));
        Assert.Equal(bare, loaded[0]);
        Assert.Equal(batch, loaded.Skip(1));
    }

    [Fact]
    public async Task RecordAndForget_AfterFlush_AreStored()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        await store.Queues.AddMessagesAsync([Message("q", 1, "a"), Message("q", 2, "b")]);
        await store.Queues.RecordStatesAsync([new MessageStateRecord(2, "q", 42, 1, 41, null)]);
        await store.Queues.ForgetMessagesAsync([1]);
        await store.Queues.FlushAsync();
        var m = Assert.Single(await store.Queues.LoadMessagesAsync());
        Assert.Equal((2L, 42L, 1, 41L), (m.Seq, m.VisibleAtMs, m.ReceiveCount, m.FirstReceiveMs));
    }
}
