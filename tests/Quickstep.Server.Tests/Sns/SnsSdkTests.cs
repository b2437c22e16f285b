using System.Text.Json;

namespace Quickstep.Server.Tests.Sns;

/// <summary>Every SNS operation, error code and delivery as the official AWS SDK for JavaScript and an HTTP subscriber see them (sdk/sns.mjs).</summary>
public sealed class SnsSdkTests : IClassFixture<SnsScenario>
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:orders";
    private readonly SnsScenario _scenario;

    public SnsSdkTests(SnsScenario scenario) => _scenario = scenario;

    private JsonElement Step(string name) => _scenario.Result.GetProperty(name);

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private void AssertError(string step, string name, string code, int status, string? message = null)
    {
        var s = Step(step);
        Assert.True(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("error", out _), $"{step}: expected {code}, got {s}");
        Assert.Equal(name, S(s, "error"));
        Assert.Equal(code, S(s, "code"));
        Assert.Equal(status, s.GetProperty("status").GetInt32());
        if (message is not null)
            Assert.Equal(message, S(s, "message"));
    }

    [Fact]
    public void CreateTopic_IdempotentAndValidated()
    {
        Assert.Equal(Topic, S(Step("create"), "TopicArn"));
        Assert.Equal(Topic, Step("createSame").GetString());
        AssertError("createConflict", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
        AssertError("createBadName", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: Topic Name");
        AssertError("createBadAttribute", "InvalidParameterException", "InvalidParameter", 400);
        Assert.Equal(Topic + ".fifo", S(Step("createFifo"), "TopicArn"));
        AssertError("createFifoBadName", "InvalidParameterException", "InvalidParameter", 400);
        Assert.Equal([Topic, Topic + ".fifo", "arn:aws:sns:us-east-1:123456789012:spare"], Step("listTopics").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public void TopicAttributes_GetSetAndErrors()
    {
        var a = Step("getAttributes");
        Assert.Equal(Topic, S(a, "TopicArn"));
        Assert.Equal("Orders", S(a, "DisplayName"));
        Assert.Equal("123456789012", S(a, "Owner"));
        Assert.Equal("0", S(a, "SubscriptionsConfirmed"));
        Assert.Contains("\"Resource\":\"" + Topic + "\"", S(a, "Policy"), StringComparison.Ordinal);
        Assert.Equal("Orders!", Step("setAttribute").GetString());
        AssertError("setAttributeBad", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: AttributeName");
        AssertError("getAttributesMissing", "NotFoundException", "NotFound", 404, "Topic does not exist");
        var f = Step("getFifoAttributes");
        Assert.Equal("true", S(f, "FifoTopic"));
        Assert.Equal("true", S(f, "ContentBasedDeduplication"));
    }

    [Fact]
    public void Tags_TagListUntag()
    {
        var t = Step("tags");
        Assert.Equal(["env=dev", "team=b"], t.GetProperty("after").EnumerateArray().Select(x => S(x, "Key") + "=" + S(x, "Value")));
        Assert.Equal(["team=b"], t.GetProperty("untagged").EnumerateArray().Select(x => S(x, "Key") + "=" + S(x, "Value")));
        AssertError("tagMissing", "ResourceNotFoundException", "ResourceNotFound", 404);
    }

    [Fact]
    public void Subscribe_ValidatesProtocolsEndpointsAndFilterPolicies()
    {
        Assert.StartsWith(Topic + ":", S(Step("subscribeSqs"), "SubscriptionArn"), StringComparison.Ordinal);
        Assert.Equal(S(Step("subscribeSqs"), "SubscriptionArn"), Step("subscribeSame").GetString());
        AssertError("subscribeBadFilter", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: Attributes Reason: FilterPolicy: \"color\" must be an object or an array");
        AssertError("subscribeNestedAttributeFilter", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested filter policy");
        AssertError("subscribeLambda", "InvalidParameterException", "InvalidParameter", 400);
        Assert.Contains("Lambda", S(Step("subscribeLambda"), "message"), StringComparison.Ordinal);
        AssertError("subscribeBadProtocol", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: Amazon SNS does not support this protocol string: pigeon");
        AssertError("subscribeFifoQueueToStandard", "InvalidParameterException", "InvalidParameter", 400);
        AssertError("subscribeMissingTopic", "NotFoundException", "NotFound", 404, "Topic does not exist");
    }

    [Fact]
    public void HttpSubscription_ConfirmationHandshake()
    {
        Assert.Equal("pending confirmation", Step("subscribeHttp").GetString());
        var c = Step("confirmation");
        Assert.Equal("/hook", S(c, "path"));
        Assert.Equal("SubscriptionConfirmation", S(c, "type"));
        Assert.Equal(Topic, S(c, "topicHeader"));
        Assert.Equal("text/plain; charset=UTF-8", S(c, "contentType"));
        var body = c.GetProperty("body");
        Assert.Equal(["Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("SubscriptionConfirmation", S(body, "Type"));
        Assert.Equal(Topic, S(body, "TopicArn"));
        Assert.Contains("Action=ConfirmSubscription", S(body, "SubscribeURL"), StringComparison.Ordinal);
        Assert.Contains("Token=" + S(body, "Token"), S(body, "SubscribeURL"), StringComparison.Ordinal);
        Assert.Equal(["PendingConfirmation"], c.GetProperty("pendingList").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(200, c.GetProperty("visitStatus").GetInt32());
        Assert.StartsWith(Topic + ":", S(c, "confirmedArn"), StringComparison.Ordinal);
        Assert.Equal(S(c, "confirmedArn"), S(c, "again"));
        AssertError("confirmBadToken", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: Token");
    }

    [Fact]
    public void HttpSubscription_ReceivesNotificationWithSnsHeadersAndEnvelope()
    {
        var n = Step("notification");
        var messageId = Step("publish").GetString();
        Assert.Equal("Notification", S(n, "type"));
        Assert.Equal(messageId, S(n, "messageId"));
        Assert.Equal(Topic, S(n, "topicHeader"));
        Assert.Equal(S(Step("confirmation"), "confirmedArn"), S(n, "subscriptionHeader"));
        Assert.Equal("Amazon Simple Notification Service Agent", S(n, "userAgent"));
        var body = n.GetProperty("body");
        Assert.Equal(["Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("hello", S(body, "Message"));
        Assert.Equal("greeting", S(body, "Subject"));
        var attrs = body.GetProperty("MessageAttributes");
        Assert.Equal("String", S(attrs.GetProperty("color"), "Type"));
        Assert.Equal("red", S(attrs.GetProperty("color"), "Value"));
        Assert.Equal("Number", S(attrs.GetProperty("size"), "Type"));
        Assert.Equal("Binary", S(attrs.GetProperty("blob"), "Type"));
        Assert.Equal("AQID", S(attrs.GetProperty("blob"), "Value"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", S(body, "Timestamp"));
    }

    [Fact]
    public void Publish_ToSqs_InTheEnvelopeOrRaw()
    {
        var q = _scenario.Queues;
        var envelope = q.To("q-envelope");
        // publish, publishBlue, publishStructure, batch one and three (raw delivery switched on only afterwards).
        Assert.Equal(5, envelope.Count);
        using var first = JsonDocument.Parse(envelope[0].Body);
        var e = first.RootElement;
        Assert.Equal("Notification", S(e, "Type"));
        Assert.Equal(Step("publish").GetString(), S(e, "MessageId"));
        Assert.Equal(Topic, S(e, "TopicArn"));
        Assert.Equal("hello", S(e, "Message"));
        Assert.Equal("red", S(e.GetProperty("MessageAttributes").GetProperty("color"), "Value"));
        Assert.Empty(envelope[0].Attributes);
        Assert.Contains("Action=Unsubscribe", S(e, "UnsubscribeURL"), StringComparison.Ordinal);
        // MessageStructure json: the sqs key for queues.
        using var structured = JsonDocument.Parse(envelope[2].Body);
        Assert.Equal("for-queues", S(structured.RootElement, "Message"));

        var raw = q.To("q-raw");
        Assert.Equal(5, raw.Count);
        Assert.Equal("hello", raw[0].Body);
        Assert.Equal("red", raw[0].Attributes["color"].StringValue);
        Assert.Equal("Number", raw[0].Attributes["size"].DataType);
        Assert.Equal([1, 2, 3], raw[0].Attributes["blob"].BinaryValue);
    }

    [Fact]
    public void Publish_FilterPolicies_OnAttributesAndBody()
    {
        var red = _scenario.Queues.To("q-red");
        // color red and size > 3: the first publish and batch entry one only.
        Assert.Equal(2, red.Count);
        Assert.Equal(Step("publish").GetString(), S(JsonDocument.Parse(red[0].Body).RootElement, "MessageId"));
        Assert.Equal("batch-1", S(JsonDocument.Parse(red[1].Body).RootElement, "Message"));
        var big = _scenario.Queues.To("q-big");
        Assert.Single(big);
        Assert.Equal(Step("publishBlue").GetString(), S(JsonDocument.Parse(big[0].Body).RootElement, "MessageId"));
    }

    [Fact]
    public void Publish_Errors_AsSns()
    {
        AssertError("publishNoDefault", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: Message Structure - No default entry in JSON message body");
        AssertError("publishMissingTopic", "NotFoundException", "NotFound", 404, "Topic does not exist");
        AssertError("publishNoTarget", "InvalidParameterException", "InvalidParameter", 400);
        AssertError("publishBadNumber", "InvalidParameterValueException", "ParameterValueInvalid", 400, "Could not cast message attribute 'n' value to number.");
        AssertError("publishTooLong", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: Message too long");
        AssertError("publishFifoNoGroup", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
    }

    [Fact]
    public void Publish_Fifo_SequencesAndDeduplicates()
    {
        var f = Step("publishFifo");
        Assert.Equal(S(f.GetProperty("a"), "MessageId"), S(f.GetProperty("b"), "MessageId"));
        Assert.Equal(S(f.GetProperty("a"), "SequenceNumber"), S(f.GetProperty("b"), "SequenceNumber"));
        Assert.NotEqual(S(f.GetProperty("a"), "MessageId"), S(f.GetProperty("c"), "MessageId"));
        Assert.Equal(20, S(f.GetProperty("c"), "SequenceNumber").Length);
        Assert.True(string.CompareOrdinal(S(f.GetProperty("c"), "SequenceNumber"), S(f.GetProperty("a"), "SequenceNumber")) > 0);
        var fifo = _scenario.Queues.To("q.fifo");
        Assert.Equal(2, fifo.Count);
        Assert.All(fifo, d => Assert.Equal("g1", d.GroupId));
        Assert.Equal("d-1", fifo[1].DeduplicationId);
        var envelope = JsonDocument.Parse(fifo[0].Body).RootElement;
        Assert.Equal(S(f.GetProperty("a"), "SequenceNumber"), S(envelope, "SequenceNumber"));
        Assert.False(envelope.TryGetProperty("Signature", out _));
    }

    [Fact]
    public void PublishBatch_PerEntryResultsAndBatchErrors()
    {
        var b = Step("publishBatch");
        Assert.Equal(["one", "three"], b.GetProperty("Successful").EnumerateArray().Select(x => S(x, "Id")));
        var failed = Assert.Single(b.GetProperty("Failed").EnumerateArray());
        Assert.Equal("two", S(failed, "Id"));
        Assert.Equal("InvalidParameter", S(failed, "Code"));
        Assert.True(failed.GetProperty("SenderFault").GetBoolean());
        AssertError("publishBatchDuplicateIds", "BatchEntryIdsNotDistinctException", "BatchEntryIdsNotDistinct", 400);
        AssertError("publishBatchEmpty", "EmptyBatchRequestException", "EmptyBatchRequest", 400);
        AssertError("publishBatchTooMany", "TooManyEntriesInBatchRequestException", "TooManyEntriesInBatchRequest", 400);
    }

    [Fact]
    public void SubscriptionAttributes_GetSetListUnsubscribe()
    {
        var a = Step("getSubscriptionAttributes");
        Assert.Equal("{\"color\":[\"red\"],\"size\":[{\"numeric\":[\">\",3]}]}", S(a, "FilterPolicy"));
        Assert.Equal("MessageAttributes", S(a, "FilterPolicyScope"));
        Assert.Equal("false", S(a, "RawMessageDelivery"));
        Assert.Equal("false", S(a, "PendingConfirmation"));
        Assert.Equal("sqs", S(a, "Protocol"));
        Assert.Equal("true", Step("setRawDelivery").GetString());
        AssertError("setBadFilter", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: FilterPolicy: Empty arrays are not allowed");
        AssertError("setBadAttribute", "InvalidParameterException", "InvalidParameter", 400, "Invalid parameter: AttributeName");
        AssertError("getSubscriptionMissing", "NotFoundException", "NotFound", 404);
        Assert.Equal(6, Step("listSubscriptions").GetArrayLength());
        Assert.DoesNotContain("arn:aws:sqs:us-east-1:123456789012:q-big", Step("unsubscribe").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(4, Step("unsubscribe").GetArrayLength());
        AssertError("unsubscribeMissing", "NotFoundException", "NotFound", 404);
    }

    [Fact]
    public void DeleteTopic_IdempotentAndGone()
    {
        Assert.Equal([Topic, "arn:aws:sns:us-east-1:123456789012:spare"], Step("deleteTopic").EnumerateArray().Select(x => x.GetString()));
        AssertError("getDeleted", "NotFoundException", "NotFound", 404);
    }
}
