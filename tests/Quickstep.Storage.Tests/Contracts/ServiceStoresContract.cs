namespace Quickstep.Storage.Tests.Contracts;

/// <summary>The service stores keep what they were given across a reopen of the database; run against each store by a subclass.</summary>
public abstract partial class ServiceStoresContract
{
    protected abstract Task<IServiceStoreHost> CreateHostAsync();

    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EventBusStore_BusesAndEvents_SurviveReopen()
    {
        await using var db = await CreateHostAsync();
        await using (var store = await db.OpenAsync())
        {
            var buses = store.EventBuses;
            var bus = new EventBusRecord { Name = "orders", Arn = "arn:aws:events:us-east-1:1:event-bus/orders", Description = "d", Tags = [new("team", "a")], CreationTime = T0, LastModifiedTime = T0 };
            Assert.True(await buses.TryCreateEventBusAsync(bus));
            Assert.False(await buses.TryCreateEventBusAsync(bus));
            var appended = await buses.AppendEventsAsync(
            [
                new StoredEvent { Id = "e1", EventBusName = "orders", Json = """{"id":"e1"}""", ReceivedTime = T0 },
                new StoredEvent { Id = "e2", EventBusName = "orders", Json = """{"id":"e2"}""", ReceivedTime = T0 },
            ]);
            Assert.True(appended[1].Sequence > appended[0].Sequence);
            await buses.MarkDeliveredAsync([appended[0].Sequence]);
        }

        await using (var store = await db.OpenAsync())
        {
            var buses = store.EventBuses;
            var bus = Assert.Single(await buses.ListEventBusesAsync());
            Assert.Equal("orders", bus.Name);
            Assert.Equal("d", bus.Description);
            Assert.Equal(new ResourceTag("team", "a"), Assert.Single(bus.Tags));
            Assert.Equal(T0, bus.CreationTime);
            var pending = await buses.ListUndeliveredEventsAsync(0, 10);
            Assert.Equal("e2", Assert.Single(pending).Id);
            Assert.Equal("""{"id":"e2"}""", pending[0].Json);
            Assert.True(await buses.DeleteEventBusAsync("orders"));
            Assert.False(await buses.DeleteEventBusAsync("orders"));
            Assert.Empty(await buses.ListEventBusesAsync());
        }
    }

    [Fact]
    public async Task TopicStore_TopicsAndSubscriptions_SurviveReopen()
    {
        const string Topic = "arn:aws:sns:us-east-1:1:t";
        await using var db = await CreateHostAsync();
        await using (var store = await db.OpenAsync())
        {
            var topics = store.Topics;
            await topics.PutTopicAsync(new TopicRecord { Arn = Topic, Name = "t", Attributes = new Dictionary<string, string> { ["DisplayName"] = "T" }, Tags = [new("k", "v")], CreationTime = T0 });
            await topics.PutTopicAsync(new TopicRecord { Arn = Topic + "2", Name = "t2", CreationTime = T0 });
            await topics.PutSubscriptionAsync(new SubscriptionRecord
            {
                Arn = Topic + ":s1",
                TopicArn = Topic,
                Protocol = "http",
                Endpoint = "http://x",
                PendingConfirmation = true,
                Token = "tok",
                Attributes = new Dictionary<string, string> { ["FilterPolicy"] = """{"a":["b"]}""" },
                CreationTime = T0,
            });
            await topics.PutSubscriptionAsync(new SubscriptionRecord { Arn = Topic + "2:s2", TopicArn = Topic + "2", Protocol = "sqs", Endpoint = "arn:aws:sqs:us-east-1:1:q", CreationTime = T0 });
        }

        await using (var store = await db.OpenAsync())
        {
            var topics = store.Topics;
            var all = await topics.ListTopicsAsync();
            Assert.Equal([Topic, Topic + "2"], all.Select(t => t.Arn));
            Assert.Equal("T", all[0].Attributes["DisplayName"]);
            Assert.Equal(new ResourceTag("k", "v"), Assert.Single(all[0].Tags));
            var subs = await topics.ListSubscriptionsAsync();
            Assert.Equal(2, subs.Count);
            var http = Assert.Single(subs, s => s.Arn == Topic + ":s1");
            Assert.True(http.PendingConfirmation);
            Assert.Equal("tok", http.Token);
            Assert.Equal("""{"a":["b"]}""", http.Attributes["FilterPolicy"]);
            Assert.False(Assert.Single(subs, s => s.Arn == Topic + "2:s2").PendingConfirmation);

            await topics.DeleteTopicAsync(Topic);
            Assert.Equal([Topic + "2"], (await topics.ListTopicsAsync()).Select(t => t.Arn));
            Assert.Equal([Topic + "2:s2"], (await topics.ListSubscriptionsAsync()).Select(s => s.Arn));
            await topics.DeleteSubscriptionAsync(Topic + "2:s2");
            Assert.Empty(await topics.ListSubscriptionsAsync());
        }
    }
}
