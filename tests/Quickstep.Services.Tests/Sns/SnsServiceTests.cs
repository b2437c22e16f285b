using Microsoft.Extensions.Time.Testing;
using Quickstep.Json;
using Quickstep.Services.Sns;

namespace Quickstep.Services.Tests.Sns;

public sealed class SnsServiceTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:t";

    /// <summary>Parses an input; <c>TOPIC</c> stands for the topic's ARN.</summary>
    private static JObject In(string json) => (JObject)JValue.Parse(json.Replace("TOPIC", Topic, StringComparison.Ordinal));

    private static async Task<string> SetUpHttpSubscriptionAsync(SnsService sns, FlakyHandler handler)
    {
        await sns.InvokeAsync("CreateTopic", In("""{"Name":"t"}"""));
        await sns.InvokeAsync("Subscribe", In("""{"TopicArn":"TOPIC","Protocol":"http","Endpoint":"http://subscriber.test/hook"}"""));
        await WaitUntil(() => handler.Count >= 1);
        string body;
        lock (handler.Requests)
            body = handler.Requests[0].Body;
        var token = ((JString)((JObject)JValue.Parse(body))["Token"]!).Value;
        var confirmed = (JObject)await sns.InvokeAsync("ConfirmSubscription", In("""{"TopicArn":"TOPIC","Token":""" + "\"" + token + "\"}"));
        return ((JString)confirmed["SubscriptionArn"]!).Value;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Yield();
        for (var i = 0; i < 200 && !condition(); i++)
            await Task.Run(() => Thread.Sleep(5));
        Assert.True(condition());
    }

    [Fact]
    public async Task HttpDelivery_FailingEndpoint_RetriedWithDoublingBackoff()
    {
        var time = new FakeTimeProvider();
        var handler = new FlakyHandler(failures: 2);
        await using var sns = new SnsService(new InMemoryTopicStore(), new RecordingQueues(), new SnsOptions { TimeProvider = time, HttpClient = new HttpClient(handler), HttpRetries = 3, HttpRetryDelay = TimeSpan.FromSeconds(1) });
        await sns.InitializeAsync();
        await sns.InvokeAsync("CreateTopic", In("""{"Name":"t"}"""));
        await sns.InvokeAsync("Subscribe", In("""{"TopicArn":"TOPIC","Protocol":"http","Endpoint":"http://subscriber.test/hook"}"""));
        await WaitUntil(() => handler.Count == 1);
        // Virtual time in half-second steps: the second attempt comes 1 s after the first, the third 2 s after that.
        var seen = new Dictionary<int, TimeSpan>();
        var start = time.GetUtcNow();
        for (var i = 0; i < 40; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Run(() => Thread.Sleep(10));
            seen.TryAdd(handler.Count, time.GetUtcNow() - start);
        }

        Assert.Equal(3, handler.Count);
        Assert.InRange(seen[2], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
        Assert.InRange(seen[3], TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5));
    }

    [Fact]
    public async Task HttpDelivery_AlwaysFailing_StopsAfterTheRetries()
    {
        var time = new FakeTimeProvider();
        var handler = new FlakyHandler(failures: int.MaxValue);
        await using var sns = new SnsService(new InMemoryTopicStore(), new RecordingQueues(), new SnsOptions { TimeProvider = time, HttpClient = new HttpClient(handler), HttpRetries = 2, HttpRetryDelay = TimeSpan.FromSeconds(1) });
        await sns.InitializeAsync();
        await sns.InvokeAsync("CreateTopic", In("""{"Name":"t"}"""));
        await sns.InvokeAsync("Subscribe", In("""{"TopicArn":"TOPIC","Protocol":"https","Endpoint":"https://subscriber.test/hook"}"""));
        await WaitUntil(() => handler.Count == 1);
        // Each retry arms its timer after the attempt before it failed: advance until it has run (a loaded machine is slow to arm it).
        for (var i = 0; i < 400 && handler.Count < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.Run(() => Thread.Sleep(5));
        }

        Assert.Equal(3, handler.Count);
        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.Run(() => Thread.Sleep(5));
        }

        Assert.Equal(3, handler.Count); // no attempt after the retries
    }

    [Fact]
    public async Task Notification_HttpHeaders_AsSns()
    {
        var handler = new FlakyHandler(failures: 0);
        await using var sns = new SnsService(new InMemoryTopicStore(), new RecordingQueues(), new SnsOptions { HttpClient = new HttpClient(handler) });
        await sns.InitializeAsync();
        var subscription = await SetUpHttpSubscriptionAsync(sns, handler);
        await sns.InvokeAsync("Publish", In("""{"TopicArn":"TOPIC","Message":"m"}"""));
        await WaitUntil(() => handler.Count >= 2);
        HttpRequestMessage request;
        string body;
        lock (handler.Requests)
            (request, body) = handler.Requests[1];
        Assert.Equal("Notification", request.Headers.GetValues("x-amz-sns-message-type").Single());
        Assert.Equal(Topic, request.Headers.GetValues("x-amz-sns-topic-arn").Single());
        Assert.Equal(subscription, request.Headers.GetValues("x-amz-sns-subscription-arn").Single());
        Assert.Equal("text/plain; charset=UTF-8", request.Content!.Headers.ContentType!.ToString());
        Assert.Equal("m", ((JString)((JObject)JValue.Parse(body))["Message"]!).Value);
    }

    [Fact]
    public async Task Restart_SubscriptionsAndFilterPolicies_AreReloaded()
    {
        var store = new InMemoryTopicStore();
        var queues = new RecordingQueues();
        await using (var first = new SnsService(store, queues, new SnsOptions()))
        {
            await first.InitializeAsync();
            await first.InvokeAsync("CreateTopic", In("""{"Name":"t"}"""));
            await first.InvokeAsync("Subscribe", In("""{"TopicArn":"TOPIC","Protocol":"sqs","Endpoint":"arn:aws:sqs:us-east-1:123456789012:q","Attributes":{"FilterPolicy":"{\"kind\":[\"a\"]}","RawMessageDelivery":"true"}}"""));
        }

        await using var second = new SnsService(store, queues, new SnsOptions());
        await second.InitializeAsync();
        await second.InvokeAsync("Publish", In("""{"TopicArn":"TOPIC","Message":"no"}"""));
        await second.InvokeAsync("Publish", In("""{"TopicArn":"TOPIC","Message":"yes","MessageAttributes":{"kind":{"DataType":"String","StringValue":"a"}}}"""));
        Assert.Equal(["yes"], queues.Sent.Select(s => s.Body));
    }

    [Fact]
    public async Task SqsDelivery_QueueRefuses_GoesToTheDeadLetterQueue_PublishSucceeds()
    {
        var queues = new RecordingQueues();
        await using var sns = new SnsService(new InMemoryTopicStore(), queues, new SnsOptions());
        await sns.InitializeAsync();
        await sns.InvokeAsync("CreateTopic", In("""{"Name":"t"}"""));
        await sns.InvokeAsync("Subscribe", In("""{"TopicArn":"TOPIC","Protocol":"sqs","Endpoint":"arn:aws:sqs:us-east-1:123456789012:missing","Attributes":{"RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:dlq\"}","RawMessageDelivery":"true"}}"""));
        var result = (JObject)await sns.InvokeAsync("Publish", In("""{"TopicArn":"TOPIC","Message":"m"}"""));
        Assert.True(result.ContainsKey("MessageId"));
        Assert.Equal([("arn:aws:sqs:us-east-1:123456789012:dlq", "m")], queues.Sent);
    }
}
