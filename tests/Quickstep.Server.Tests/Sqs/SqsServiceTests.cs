using Microsoft.Extensions.Time.Testing;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Services.Sqs;

namespace Quickstep.Server.Tests.Sqs;

/// <summary>The time-dependent rules of the SQS service on a fake clock: visibility, delay, retention, deduplication, long polling.</summary>
public sealed class SqsServiceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SqsService _sqs;

    public SqsServiceTests() => _sqs = SqsService.CreateAsync(new SqsServiceOptions { TimeProvider = _time, Endpoint = "http://127.0.0.1:9" }).GetAwaiter().GetResult();

    public void Dispose() => _sqs.Dispose();

    private async Task<JObject> Call(string operation, string json) => (JObject)await _sqs.InvokeAsync(operation, (JObject)JValue.Parse(json));

    private async Task<string> Create(string name, string attributes = "{}") =>
        ((JString)(await Call("CreateQueue", $$"""{"QueueName":"{{name}}","Attributes":{{attributes}}}"""))["QueueUrl"]!).Value;

    private Task<JObject> Send(string url, string body, string extra = "") =>
        Call("SendMessage", $$"""{"QueueUrl":"{{url}}","MessageBody":"{{body}}"{{extra}}}""");

    private async Task<List<JObject>> Receive(string url, string extra = "")
    {
        var r = await Call("ReceiveMessage", $$"""{"QueueUrl":"{{url}}","MaxNumberOfMessages":10,"MessageSystemAttributeNames":["All"]{{extra}}}""");
        return r["Messages"] is JArray a ? [.. a.Cast<JObject>()] : [];
    }

    private static string Body(JObject m) => ((JString)m["Body"]!).Value;

    private static string SystemAttribute(JObject m, string name) => ((JString)((JObject)m["Attributes"]!)[name]!).Value;

    private async Task<string> Attribute(string url, string name) =>
        ((JString)((JObject)(await Call("GetQueueAttributes", $$"""{"QueueUrl":"{{url}}","AttributeNames":["{{name}}"]}"""))["Attributes"]!)[name]!).Value;

    [Fact]
    public async Task VisibilityTimeout_Expires_MessageVisibleAgainWithHigherReceiveCount()
    {
        var q = await Create("vis", """{"VisibilityTimeout":"30"}""");
        await Send(q, "m");
        var first = await Receive(q);
        Assert.Equal("1", SystemAttribute(Assert.Single(first), "ApproximateReceiveCount"));
        Assert.Empty(await Receive(q));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await Receive(q));
        Assert.Equal("1", await Attribute(q, "ApproximateNumberOfMessagesNotVisible"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("1", await Attribute(q, "ApproximateNumberOfMessages"));
        var again = Assert.Single(await Receive(q));
        Assert.Equal("2", SystemAttribute(again, "ApproximateReceiveCount"));
        Assert.Equal(SystemAttribute(first[0], "ApproximateFirstReceiveTimestamp"), SystemAttribute(again, "ApproximateFirstReceiveTimestamp"));
    }

    [Fact]
    public async Task ChangeMessageVisibility_ExtendsTheTimeout()
    {
        var q = await Create("extend", """{"VisibilityTimeout":"10"}""");
        await Send(q, "m");
        var m = Assert.Single(await Receive(q));
        _time.Advance(TimeSpan.FromSeconds(5));
        await Call("ChangeMessageVisibility", $$"""{"QueueUrl":"{{q}}","ReceiptHandle":"{{((JString)m["ReceiptHandle"]!).Value}}","VisibilityTimeout":60}""");
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await Receive(q));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await Receive(q));
        // Once visible again the old handle is not in flight any more.
        _time.Advance(TimeSpan.FromSeconds(11));
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => Call("ChangeMessageVisibility", $$"""{"QueueUrl":"{{q}}","ReceiptHandle":"{{((JString)m["ReceiptHandle"]!).Value}}","VisibilityTimeout":5}"""));
        Assert.Equal("InvalidParameterValue", e.Code);
    }

    [Fact]
    public async Task DelaySeconds_QueueAndMessage_HoldMessagesBack()
    {
        var q = await Create("delay", """{"DelaySeconds":"10"}""");
        await Send(q, "queue-delay");
        await Send(q, "message-delay", ",\"DelaySeconds\":3");
        Assert.Equal("2", await Attribute(q, "ApproximateNumberOfMessagesDelayed"));
        Assert.Empty(await Receive(q));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["message-delay"], (await Receive(q)).Select(Body));
        _time.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(["queue-delay"], (await Receive(q)).Select(Body));
        Assert.Equal("0", await Attribute(q, "ApproximateNumberOfMessagesDelayed"));
    }

    [Fact]
    public async Task MessageRetentionPeriod_DropsOldMessages()
    {
        var q = await Create("retention", """{"MessageRetentionPeriod":"60"}""");
        await Send(q, "old");
        _time.Advance(TimeSpan.FromSeconds(30));
        await Send(q, "young");
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("1", await Attribute(q, "ApproximateNumberOfMessages"));
        Assert.Equal(["young"], (await Receive(q)).Select(Body));
    }

    [Fact]
    public async Task FifoDeduplication_LastsFiveMinutes()
    {
        var q = await Create("dedup.fifo", """{"FifoQueue":"true"}""");
        const string extra = ",\"MessageGroupId\":\"g\",\"MessageDeduplicationId\":\"d\"";
        var first = ((JString)(await Send(q, "a", extra))["MessageId"]!).Value;
        _time.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(first, ((JString)(await Send(q, "b", extra))["MessageId"]!).Value);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEqual(first, ((JString)(await Send(q, "c", extra))["MessageId"]!).Value);
        Assert.Equal(["a", "c"], (await Receive(q)).Select(Body));
    }

    [Fact]
    public async Task FifoGroup_InFlight_BlocksUntilVisibleAgain()
    {
        var q = await Create("group.fifo", """{"FifoQueue":"true","ContentBasedDeduplication":"true","VisibilityTimeout":"20"}""");
        await Send(q, "m1", ",\"MessageGroupId\":\"g\"");
        await Send(q, "m2", ",\"MessageGroupId\":\"g\"");
        await Send(q, "other", ",\"MessageGroupId\":\"h\"");
        var r = await Call("ReceiveMessage", $$"""{"QueueUrl":"{{q}}","MaxNumberOfMessages":1}""");
        Assert.Equal("m1", Body((JObject)((JArray)r["Messages"]!)[0]));
        Assert.Equal(["other"], (await Receive(q)).Select(Body));
        _time.Advance(TimeSpan.FromSeconds(20));
        // m1 was not deleted: it comes again before m2.
        var again = await Receive(q);
        Assert.Equal(["m1", "m2", "other"], again.Select(Body));
        Assert.Equal("2", SystemAttribute(again[0], "ApproximateReceiveCount"));
    }

    [Fact]
    public async Task DeadLetterQueue_TakesMessageAfterMaxReceiveCount()
    {
        var dlq = await Create("dead");
        var arn = await Attribute(dlq, "QueueArn");
        var q = await Create("live", $$$"""{"VisibilityTimeout":"5","RedrivePolicy":"{\"deadLetterTargetArn\":\"{{{arn}}}\",\"maxReceiveCount\":1}"}""");
        await Send(q, "poison");
        Assert.Single(await Receive(q));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(await Receive(q));
        Assert.Equal("0", await Attribute(q, "ApproximateNumberOfMessages"));
        var dead = Assert.Single(await Receive(dlq));
        Assert.Equal("poison", Body(dead));
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:live", SystemAttribute(dead, "DeadLetterQueueSourceArn"));
    }

    [Fact]
    public async Task LongPoll_WokenBySend_WithoutTheClockMoving()
    {
        var q = await Create("wake");
        var receiving = Receive(q, ",\"WaitTimeSeconds\":20");
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        Assert.False(receiving.IsCompleted);
        var sent = await _sqs.SendMessageAsync("arn:aws:sqs:us-east-1:123456789012:wake", "hello", new Dictionary<string, SqsMessageAttribute> { ["k"] = SqsMessageAttribute.String("v") });
        var got = await receiving.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.Equal("hello", Body(Assert.Single(got)));
        Assert.Equal(sent.MessageId, ((JString)got[0]["MessageId"]!).Value);
        Assert.NotNull(sent.MD5OfMessageAttributes);
    }

    [Fact]
    public async Task LongPoll_DelayedMessage_ReturnsWhenItBecomesVisible()
    {
        var q = await Create("later");
        await Send(q, "soon", ",\"DelaySeconds\":5");
        var receiving = Receive(q, ",\"WaitTimeSeconds\":20");
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        Assert.False(receiving.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5));
        var got = await receiving.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.Equal("soon", Body(Assert.Single(got)));
    }

    [Fact]
    public async Task LongPoll_NothingArrives_EndsAfterWaitTime()
    {
        var q = await Create("quiet", """{"ReceiveMessageWaitTimeSeconds":"20"}""");
        var receiving = Receive(q);
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        _time.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        Assert.False(receiving.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await receiving.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System));
    }

    [Fact]
    public async Task PurgeQueue_OncePerMinute()
    {
        var q = await Create("purge");
        await Send(q, "x");
        await Call("PurgeQueue", $$"""{"QueueUrl":"{{q}}"}""");
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => Call("PurgeQueue", $$"""{"QueueUrl":"{{q}}"}"""));
        Assert.Equal("PurgeQueueInProgress", e.Code);
        _time.Advance(TimeSpan.FromSeconds(60));
        await Call("PurgeQueue", $$"""{"QueueUrl":"{{q}}"}""");
        Assert.Equal("0", await Attribute(q, "ApproximateNumberOfMessages"));
    }

    [Fact]
    public async Task SendMessageAsync_UnknownQueue_QueueDoesNotExist()
    {
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => _sqs.SendMessageAsync("arn:aws:sqs:us-east-1:123456789012:nope", "x"));
        Assert.Equal("QueueDoesNotExist", e.Code);
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", e.QueryErrorCode);
    }

    [Fact]
    public async Task UnknownOperation_IsRefused()
    {
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => Call("Frobnicate", "{}"));
        Assert.Equal("UnknownOperationException", e.Code);
    }
}
