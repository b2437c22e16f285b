using Quickstep.Storage.Sqlite;

namespace Quickstep.Storage.Tests;

public sealed class SqliteMessageQueueStoreTests
{
    private static StoredMessageRecord Message(string queue, long seq, string body) => new()
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
        await using var db = new TempDatabase();
        await using (var store = await db.OpenAsync())
        {
            var queues = new SqliteMessageQueueStore(store);
            await queues.InitializeAsync();
            await queues.SaveQueueAsync(new MessageQueueRecord("q", """{"VisibilityTimeout":"30"}""", """{"k":"v"}""", 1, 2));
            await queues.SaveQueueAsync(new MessageQueueRecord("dlq", "{}", "{}", 1, 1));
            await queues.SaveQueueAsync(new MessageQueueRecord("q", """{"VisibilityTimeout":"60"}""", """{"k":"v"}""", 1, 3));
            await queues.AddMessagesAsync([Message("q", 1, "one"), Message("q", 2, "two"), Message("q", 3, "three")]);
            await queues.RecordStatesAsync([new MessageStateRecord(1, "q", 99_000, 2, 5_000, null), new MessageStateRecord(3, "dlq", 7_000, 4, 6_000, "arn:src")]);
            await queues.ForgetMessagesAsync([2]);
        }

        await using (var store = await db.OpenAsync())
        {
            var queues = new SqliteMessageQueueStore(store);
            await queues.InitializeAsync();
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
}
