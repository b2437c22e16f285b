using System.Text.Json;

namespace Quickstep.Server.Tests.Sqs;

/// <summary>Every SQS operation and error code as the official AWS SDK for JavaScript sees them (see Sqs/sqs-scenario.mjs).</summary>
public sealed class SqsSdkTests : IClassFixture<SqsSdkScenario>
{
    private readonly JsonElement _r;
    private readonly string _base;

    public SqsSdkTests(SqsSdkScenario scenario)
    {
        _r = scenario.Result;
        _base = scenario.Server.Endpoint + "/123456789012/";
    }

    private JsonElement Step(string name) => _r.GetProperty(name);

    private string Str(string step, string field) => Step(step).GetProperty(field).ToString();

    private string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? "null" : x.ToString())];

    /// <summary>The error as the SDK surfaces it: e.name (the AWS JSON type), e.Code (the query code), HTTP 400.</summary>
    private void AssertError(string step, string name, string code, string? messageContains = null)
    {
        var s = Step(step);
        Assert.True(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("error", out _), $"{step}: expected {name}, got {s}");
        Assert.Equal(name, s.GetProperty("error").GetString());
        Assert.Equal(code, s.GetProperty("code").GetString());
        Assert.Equal("Sender", s.GetProperty("type").GetString());
        Assert.Equal(400, s.GetProperty("status").GetInt32());
        if (messageContains is not null)
            Assert.Contains(messageContains, s.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateQueue_IdempotentConflictsAndValidation()
    {
        Assert.Equal(_base + "std", Step("create").GetString());
        Assert.Equal(_base + "std", Step("createSame").GetString());
        AssertError("createConflict", "QueueNameExists", "QueueAlreadyExists", "different value for attribute VisibilityTimeout");
        AssertError("createBadName", "InvalidParameterValue", "InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        AssertError("createBadValue", "InvalidAttributeValue", "InvalidAttributeValue", "Invalid value for the parameter VisibilityTimeout.");
        AssertError("createUnknownAttribute", "InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute Colour.");
        AssertError("createFifoAttributeOnStandard", "InvalidAttributeName", "InvalidAttributeName", "ContentBasedDeduplication");
        AssertError("fifoBadName", "InvalidParameterValue", "InvalidParameterValue", "must end with .fifo suffix");
        AssertError("redriveMissingTarget", "InvalidParameterValue", "InvalidParameterValue", "Reason: Dead letter target does not exist.");
    }

    [Fact]
    public void GetQueueUrlAndListQueues_Work()
    {
        Assert.Equal(_base + "std", Step("getQueueUrl").GetString());
        AssertError("getQueueUrlMissing", "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
        Assert.Equal([_base + "page-a", _base + "page-b", _base + "page-c"], Strings(Step("listPrefix")));
        var paged = Step("listPaged");
        Assert.Equal([_base + "page-a", _base + "page-b"], Strings(paged.GetProperty("first")));
        Assert.Equal("string", paged.GetProperty("token").GetString());
        Assert.Equal([_base + "page-c"], Strings(paged.GetProperty("second")));
        Assert.Equal(JsonValueKind.Null, paged.GetProperty("end").ValueKind);
        Assert.Equal(JsonValueKind.Null, Step("listNone").ValueKind);
    }

    [Fact]
    public void SendMessage_Md5OfBodyAndAttributes_AsSqsComputesThem()
    {
        // Known digests: the body from the SQS documentation's examples, the attributes from SDK tests.
        Assert.Equal("fafb00f5732ab283681e124bf8747ed1", Str("send", "md5Body"));
        Assert.Equal("d21ae90c49061e927f57df5f5d72be1f", Str("send", "md5Attributes"));
        Assert.Equal("cd28f3b68aeee4b2eac9c66f2f694b58", Step("sendSeller").GetString());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", Str("send", "messageId"));
        Assert.Equal(JsonValueKind.Null, Step("send").GetProperty("sequenceNumber").ValueKind);
        var b = Step("sendBinary");
        Assert.Equal(b.GetProperty("expected").GetString(), b.GetProperty("md5").GetString());
        Assert.Equal(b.GetProperty("expectedSystem").GetString(), b.GetProperty("system").GetString());
    }

    [Fact]
    public void ReceiveMessage_ReturnsAttributesAndCountsInFlight()
    {
        Assert.Equal("3", Str("attributesAfterSend", "ApproximateNumberOfMessages"));
        Assert.Equal("0", Str("attributesAfterSend", "ApproximateNumberOfMessagesNotVisible"));
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:std", Str("attributesAfterSend", "QueueArn"));
        var messages = Step("receive").EnumerateArray().ToList();
        Assert.Equal(["This is a test message", "x", "binary"], messages.Select(m => m.GetProperty("body").GetString()));
        Assert.Equal(Str("send", "messageId"), messages[0].GetProperty("messageId").GetString());
        foreach (var m in messages)
        {
            Assert.Equal(m.GetProperty("expectedMd5").GetString(), m.GetProperty("md5Attributes").GetString());
            Assert.Equal("1", m.GetProperty("receiveCount").GetString());
            Assert.True(m.GetProperty("sent").GetBoolean());
            Assert.True(m.GetProperty("firstReceive").GetBoolean());
            Assert.Equal("123456789012", m.GetProperty("senderId").GetString());
        }

        Assert.Equal(["blob", "note.custom"], Strings(messages[2].GetProperty("attributeNames")));
        Assert.Equal(["0", "1", "2", "250"], Strings(messages[2].GetProperty("binary")));
        Assert.Equal("Root=1-abc", messages[2].GetProperty("trace").GetString());
        var inFlight = Step("attributesInFlight");
        Assert.Equal("0", inFlight.GetProperty("ApproximateNumberOfMessages").GetString());
        Assert.Equal("3", inFlight.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString());
        Assert.Equal("0", inFlight.GetProperty("ApproximateNumberOfMessagesDelayed").GetString());
        Assert.Equal("30", inFlight.GetProperty("VisibilityTimeout").GetString());
        Assert.Equal("345600", inFlight.GetProperty("MessageRetentionPeriod").GetString());
        Assert.Matches("^[0-9]{10}$", inFlight.GetProperty("CreatedTimestamp").GetString());
        Assert.False(inFlight.TryGetProperty("FifoQueue", out _));
        Assert.Equal(JsonValueKind.Null, Step("receiveEmpty").ValueKind);
    }

    [Fact]
    public void ChangeVisibilityAndDelete_LatestHandleOnly()
    {
        var c = Step("changeVisibility");
        Assert.Equal("This is a test message", c.GetProperty("body").GetString());
        Assert.Equal("2", c.GetProperty("receiveCount").GetString());
        Assert.Equal(["ordinal"], Strings(c.GetProperty("attributeNames")));
        Assert.Equal(c.GetProperty("expected").GetString(), c.GetProperty("md5").GetString());
        // A handle of an earlier receive succeeds but deletes nothing.
        Assert.Equal("ok", c.GetProperty("old").GetString());
        Assert.Equal("3", c.GetProperty("stillThere").GetString());
        AssertError("changeVisibilityBadHandle", "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", "\"not-a-handle\" is not a valid receipt handle");
        AssertError("deleteBadHandle", "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid");
        Assert.Equal(["e0", "e1"], Strings(Str2("changeVisibilityBatch", "ok")));
        Assert.Equal(["bad:ReceiptHandleIsInvalid:true"], Strings(Str2("changeVisibilityBatch", "failed")));
        var d = Step("deleteBatch");
        Assert.Equal(2, d.GetProperty("received").GetInt32());
        Assert.Equal(2, d.GetProperty("ok").GetInt32());
        Assert.Equal(["bad:ReceiptHandleIsInvalid"], Strings(d.GetProperty("failed")));
        Assert.Equal("0", d.GetProperty("visible").GetString());
        Assert.Equal("0", d.GetProperty("notVisible").GetString());
    }

    private JsonElement Str2(string step, string field) => Step(step).GetProperty(field);

    [Fact]
    public void Batches_PartialFailureAndRequestErrors()
    {
        Assert.Equal(["a:f97c5d29941bfb1b2fdab0874906ab82:d21ae90c49061e927f57df5f5d72be1f", "b:b8a9f715dbb64fd5c56e7783c6820a61:"], Strings(Str2("sendBatch", "ok")));
        Assert.Equal(["c:InvalidParameterValue:true"], Strings(Str2("sendBatch", "failed")));
        AssertError("batchTooMany", "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "You have sent 11.");
        AssertError("deleteBatchTooMany", "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest");
        AssertError("batchEmpty", "EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest");
        AssertError("batchDuplicateIds", "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id x repeated.");
        AssertError("batchBadId", "InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId");
    }

    [Fact]
    public void BadInput_GetsSqsErrors()
    {
        AssertError("tooLarge", "InvalidParameterValue", "InvalidParameterValue", "Reason: Message must be shorter than 262144 bytes.");
        Assert.Matches("^[0-9a-f]{32}$", Step("largest").GetString());
        AssertError("badCharacters", "InvalidMessageContents", "InvalidMessageContents", "Invalid characters found.");
        AssertError("badAttributeName", "InvalidParameterValue", "InvalidParameterValue", "Message (user) attribute name 'bad name' is invalid.");
        AssertError("badAttributeType", "InvalidParameterValue", "InvalidParameterValue", "supported type prefixes: Binary, Number, String");
        AssertError("badNumber", "InvalidParameterValue", "InvalidParameterValue", "Could not cast message attribute 'a' value to number.");
        AssertError("badMaxMessages", "InvalidParameterValue", "InvalidParameterValue", "Value 11 for parameter MaxNumberOfMessages is invalid.");
        AssertError("badWait", "InvalidParameterValue", "InvalidParameterValue", "Value 21 for parameter WaitTimeSeconds is invalid.");
        AssertError("sendMissingQueue", "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue");
        AssertError("dedupOnStandard", "InvalidParameterValue", "InvalidParameterValue", "not valid for this queue type");
        Assert.Equal(400, Str2("unknownOperation", "status").GetInt32());
        Assert.Equal("com.amazonaws.sqs#UnknownOperationException", Str("unknownOperation", "type"));
    }

    [Fact]
    public void DelayAndLongPolling_ReturnAsSoonAsAMessageIsVisible()
    {
        var d = Step("delayed");
        Assert.Equal("1", d.GetProperty("delayed").GetString());
        Assert.Equal("0", d.GetProperty("visible").GetString());
        Assert.Equal(0, d.GetProperty("immediately").GetInt32());
        Assert.Equal("later", d.GetProperty("body").GetString());
        Assert.InRange(d.GetProperty("ms").GetInt32(), 300, 3000);
        var p = Step("longPoll");
        Assert.Equal("wake up", p.GetProperty("body").GetString());
        Assert.InRange(p.GetProperty("ms").GetInt32(), 250, 3000);
        var t = Step("longPollTimeout");
        Assert.Equal(0, t.GetProperty("messages").GetInt32());
        Assert.InRange(t.GetProperty("ms").GetInt32(), 900, 5000);
    }

    [Fact]
    public void DeadLetterQueue_AfterMaxReceiveCount()
    {
        var d = Step("deadLetter");
        Assert.Equal(["1", "2", "null"], Strings(d.GetProperty("counts")));
        Assert.True(d.GetProperty("sameId").GetBoolean());
        Assert.Equal("poison", d.GetProperty("body").GetString());
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:src", d.GetProperty("source").GetString());
        Assert.Equal("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:dlq\",\"maxReceiveCount\":2}", d.GetProperty("policy").GetString());
        Assert.Equal([_base + "src"], Strings(d.GetProperty("sources")));
    }

    [Fact]
    public void Fifo_OrderPerGroupDeduplicationAndSequenceNumbers()
    {
        var f = Step("fifo");
        Assert.Equal("string", f.GetProperty("sequenceNumber").GetString());
        Assert.True(f.GetProperty("duplicateId").GetBoolean());
        Assert.True(f.GetProperty("duplicateSeq").GetBoolean());
        Assert.Equal(["a1", "a2", "a3", "b1"], Strings(f.GetProperty("first")));
        Assert.Equal(["g1", "g1", "g1", "g2"], Strings(f.GetProperty("groups")));
        Assert.Equal(["a1", "a2", "a3", "b1"], Strings(f.GetProperty("dedup")));
        Assert.True(f.GetProperty("increasing").GetBoolean());
        // Both groups have messages in flight: nothing more until they are deleted or visible again.
        Assert.Empty(f.GetProperty("second").EnumerateArray());
        // g1's messages were deleted: its next message comes; g2's is still in flight.
        Assert.Equal(["a4"], Strings(f.GetProperty("third")));
        AssertError("fifoNoGroup", "MissingParameter", "MissingParameter", "The request must contain the parameter MessageGroupId.");
        AssertError("fifoNoDedup", "InvalidParameterValue", "InvalidParameterValue", "ContentBasedDeduplication");
        AssertError("fifoDelay", "InvalidParameterValue", "InvalidParameterValue", "not valid for this queue type");
        var c = Step("contentDedup");
        Assert.True(c.GetProperty("same").GetBoolean());
        Assert.Equal("string", c.GetProperty("batchSeq").GetString());
        Assert.Equal("2", c.GetProperty("count").GetString());
        Assert.Equal("true", c.GetProperty("fifoQueue").GetString());
        Assert.Equal("true", c.GetProperty("cbd").GetString());
    }

    [Fact]
    public void AttributesTagsPurgeDelete_Work()
    {
        Assert.Equal("60", Str("setAttributes", "VisibilityTimeout"));
        Assert.Equal("2", Str("setAttributes", "DelaySeconds"));
        Assert.Equal("2048", Str("setAttributes", "MaximumMessageSize"));
        AssertError("setBadAttribute", "InvalidAttributeValue", "InvalidAttributeValue", "MessageRetentionPeriod");
        AssertError("setFifoOnStandard", "InvalidAttributeValue", "InvalidAttributeValue", "Modifying queue type is not supported.");
        AssertError("getUnknownAttribute", "InvalidAttributeName", "InvalidAttributeName");
        AssertError("tooLargeForQueue", "InvalidParameterValue", "InvalidParameterValue", "shorter than 2048 bytes");
        Assert.Equal("{\"env\":\"dev\",\"owner\":\"me\",\"team\":\"a\"}", Str2("tags", "before").GetRawText());
        Assert.Equal("{\"env\":\"dev\"}", Str2("tags", "after").GetRawText());
        Assert.Equal("0", Step("purge").GetString());
        AssertError("purgeAgain", "PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", "allowed every 60 seconds");
        Assert.Equal([_base + "page-a", _base + "page-b"], Strings(Step("deleteQueue")));
        AssertError("afterDelete", "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue");
        AssertError("recreateTooSoon", "QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently");
    }
}
