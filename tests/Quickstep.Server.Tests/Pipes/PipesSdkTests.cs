using System.Text.Json;

namespace Quickstep.Server.Tests.Pipes;

/// <summary>Every Pipes operation and its errors, records, filters, templates, enrichment and 1,000 queued messages (see Pipes/pipes-scenario.mjs).</summary>
public sealed class PipesSdkTests(PipesSdkScenario scenario) : ScenarioSteps(scenario.Result), IClassFixture<PipesSdkScenario>
{
    private const string Queue = "arn:aws:sqs:us-east-1:123456789012:";

    [Fact]
    public void CreateDescribeUpdate_ReportStatesAsAws()
    {
        var c = Step("create");
        Assert.Equal("arn:aws:pipes:us-east-1:123456789012:pipe/crud", c.GetProperty("Arn").GetString());
        Assert.Equal("STOPPED", c.GetProperty("DesiredState").GetString());
        Assert.Equal("CREATING", c.GetProperty("CurrentState").GetString());
        Assert.True(c.GetProperty("created").GetBoolean());
        AssertError("createAgain", "ConflictException", 409, "crud");
        AssertError("createBadSource", "ValidationException", 400, "SQS");
        AssertError("createBadBatch", "ValidationException", 400, "MaximumBatchingWindowInSeconds");
        AssertError("createBadFilter", "ValidationException", 400);
        var d = Step("describe");
        Assert.Equal("STOPPED", d.GetProperty("CurrentState").GetString());
        Assert.Equal(Queue + "crud-src", d.GetProperty("Source").GetString());
        Assert.Equal("d1", d.GetProperty("Description").GetString());
        Assert.Equal(5, d.GetProperty("SourceParameters").GetProperty("SqsQueueParameters").GetProperty("BatchSize").GetInt32());
        Assert.True(d.GetProperty("CreationTime").GetBoolean());
        AssertError("describeMissing", "NotFoundException", 404, "nope");
        var u = Step("update");
        Assert.Equal("UPDATING", u.GetProperty("CurrentState").GetString());
        Assert.Equal("d2", u.GetProperty("Description").GetString());
        Assert.Equal(7, u.GetProperty("BatchSize").GetInt32());
        Assert.EndsWith(":stateMachine:echo", u.GetProperty("Target").GetString(), StringComparison.Ordinal);
        AssertError("updateMissing", "NotFoundException", 404);
    }

    [Fact]
    public void StartStopListDelete_Work()
    {
        Assert.Equal(("STARTING", "RUNNING", "RUNNING"), (Step("start").GetProperty("answered").GetString(), Step("start").GetProperty("desired").GetString(), Step("start").GetProperty("now").GetString()));
        Assert.Equal(("STOPPING", "STOPPED", "STOPPED"), (Step("stop").GetProperty("answered").GetString(), Step("stop").GetProperty("desired").GetString(), Step("stop").GetProperty("now").GetString()));
        AssertError("startMissing", "NotFoundException", 404);
        Assert.Equal(["crud/STOPPED", "crud-2/STOPPED"], Strings(Step("list")));
        Assert.Equal(["crud-2"], Strings(Step("listPrefix")));
        Assert.Equal(["crud", "crud-2"], Strings(Step("listPaged")));
        Assert.Equal("DELETING", Step("delete").GetProperty("CurrentState").GetString());
        Assert.Equal(["crud"], Strings(Step("delete").GetProperty("left")));
        AssertError("deleteMissing", "NotFoundException", 404);
    }

    [Fact]
    public void Records_HaveTheSqsEventShape()
    {
        var record = Assert.Single(Step("record").EnumerateArray());
        Assert.Equal("hello", record.GetProperty("body").GetString());
        Assert.Equal("aws:sqs", record.GetProperty("eventSource").GetString());
        Assert.Equal(Queue + "shape-src", record.GetProperty("eventSourceARN").GetString());
        Assert.Equal("us-east-1", record.GetProperty("awsRegion").GetString());
        Assert.Equal("5d41402abc4b2a76b9719d911017c592", record.GetProperty("md5OfBody").GetString()); // md5("hello")
        Assert.False(string.IsNullOrEmpty(record.GetProperty("messageId").GetString()));
        Assert.False(string.IsNullOrEmpty(record.GetProperty("receiptHandle").GetString()));
        Assert.Equal("1", record.GetProperty("attributes").GetProperty("ApproximateReceiveCount").GetString());
        var colour = record.GetProperty("messageAttributes").GetProperty("colour");
        Assert.Equal("blue", colour.GetProperty("stringValue").GetString());
        Assert.Equal("String", colour.GetProperty("dataType").GetString());
    }

    [Fact]
    public void FilterAndInputTemplate_OnlyMatchingRecordsReachTheTarget()
    {
        var f = Step("filtered");
        var batch = Assert.Single(f.GetProperty("bodies").EnumerateArray());
        var item = Assert.Single(batch.EnumerateArray());
        Assert.Equal(1, item.GetProperty("id").GetInt32());
        Assert.Equal("filtered", item.GetProperty("pipe").GetString());
        Assert.Equal(Queue + "filter-src", item.GetProperty("source").GetString());
        Assert.Equal("0", f.GetProperty("left").GetProperty("ApproximateNumberOfMessages").GetString()); // the filtered-out one was deleted
        Assert.Equal("0", f.GetProperty("left").GetProperty("ApproximateNumberOfMessagesNotVisible").GetString());
    }

    [Fact]
    public void Enrichment_StateMachineOutputIsTheTargetsInput()
    {
        var e = Assert.Single(Step("enriched").EnumerateArray());
        Assert.Equal("raw", e.GetProperty("enriched").GetString());
        Assert.Equal(1, e.GetProperty("count").GetInt32());
    }

    [Fact]
    public void ThousandMessages_EachProcessedOnceOrDeadLettered()
    {
        var t = Step("thousand");
        Assert.Equal(900, t.GetProperty("ok").GetInt32());
        Assert.Equal(900, t.GetProperty("okDistinct").GetInt32());
        Assert.True(t.GetProperty("okAllOk").GetBoolean());
        Assert.Equal(100, t.GetProperty("dead").GetInt32());
        Assert.Equal(100, t.GetProperty("deadDistinct").GetInt32());
        Assert.True(t.GetProperty("deadAllFail").GetBoolean());
        Assert.Equal(0, t.GetProperty("extraOk").GetInt32());
        Assert.Equal("0", t.GetProperty("left").GetProperty("ApproximateNumberOfMessages").GetString());
        Assert.Equal("0", t.GetProperty("left").GetProperty("ApproximateNumberOfMessagesNotVisible").GetString());
    }
}
