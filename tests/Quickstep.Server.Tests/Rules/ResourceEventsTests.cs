using System.Text.Json;

namespace Quickstep.Server.Tests.Rules;

/// <summary>S3 object events and Step Functions status changes on the default bus, driven by the JavaScript SDK (sdk/resource-events.mjs).</summary>
public sealed class ResourceEventsTests : IClassFixture<ResourceEventsScenario>
{
    private readonly ResourceEventsScenario _scenario;

    public ResourceEventsTests(ResourceEventsScenario scenario) => _scenario = scenario;

    private JsonElement Step(string name) => _scenario.Result.GetProperty(name);

    [Fact]
    public void BucketNotificationConfiguration_RoundTrips()
    {
        Assert.Empty(Step("getEmptyNotification").EnumerateArray());
        Assert.Equal("ok", Step("putNotification").GetString());
        Assert.True(Step("getNotification").GetBoolean());
        Assert.Equal("NoSuchBucket", Step("notificationMissingBucket").GetProperty("error").GetString());
        Assert.Equal(404, Step("notificationMissingBucket").GetProperty("status").GetInt32());
    }

    [Fact]
    public void PutObject_StartsTheWorkflowThroughARule()
    {
        var input = Assert.Single(Step("workflowInput").EnumerateArray());
        Assert.Equal("uploads", input.GetProperty("bucket").GetString());
        Assert.Equal("in/report.csv", input.GetProperty("key").GetString());
        Assert.Equal(8, input.GetProperty("size").GetInt32());
        Assert.Equal(0, Step("moreWorkflows").GetInt32()); // the bucket without notifications sent nothing
    }

    [Fact]
    public void Workflow_SendsItsStatusChanges()
    {
        var changes = Step("statusChanges").EnumerateArray().ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c =>
        {
            Assert.Equal("aws.states", c.GetProperty("source").GetString());
            Assert.Equal("Step Functions Execution Status Change", c.GetProperty("detailType").GetString());
            Assert.Equal(c.GetProperty("detail").GetProperty("executionArn").GetString(), c.GetProperty("resources")[0].GetString());
        });
        var byStatus = changes.ToDictionary(c => c.GetProperty("detail").GetProperty("status").GetString()!, c => c.GetProperty("detail"));
        var running = byStatus["RUNNING"];
        var succeeded = byStatus["SUCCEEDED"];
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:on-upload", running.GetProperty("stateMachineArn").GetString());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("stopDate").ValueKind);
        Assert.Equal(JsonValueKind.Null, running.GetProperty("output").ValueKind);
        Assert.True(running.GetProperty("inputDetails").GetProperty("included").GetBoolean());
        Assert.Equal("in/report.csv", JsonDocument.Parse(running.GetProperty("input").GetString()!).RootElement.GetProperty("key").GetString());
        Assert.Equal(running.GetProperty("executionArn").GetString(), succeeded.GetProperty("executionArn").GetString());
        Assert.Equal(running.GetProperty("name").GetString(), succeeded.GetProperty("name").GetString());
        Assert.True(succeeded.GetProperty("stopDate").GetInt64() >= succeeded.GetProperty("startDate").GetInt64());
        Assert.Equal("""{"sent":true}""", succeeded.GetProperty("output").GetString());
        Assert.True(succeeded.GetProperty("outputDetails").GetProperty("included").GetBoolean());
        Assert.Equal(JsonValueKind.Null, succeeded.GetProperty("error").ValueKind);
    }

    [Fact]
    public void DeleteObject_SendsObjectDeleted()
    {
        var e = Assert.Single(Step("deleted").EnumerateArray());
        Assert.Equal("aws.s3", e.GetProperty("source").GetString());
        Assert.Equal("Object Deleted", e.GetProperty("detail-type").GetString());
        Assert.Equal("arn:aws:s3:::uploads", e.GetProperty("resources")[0].GetString());
        var d = e.GetProperty("detail");
        Assert.Equal("uploads", d.GetProperty("bucket").GetProperty("name").GetString());
        Assert.Equal("in/report.csv", d.GetProperty("object").GetProperty("key").GetString());
        Assert.Equal("DeleteObject", d.GetProperty("reason").GetString());
        Assert.Equal("Permanently Deleted", d.GetProperty("deletion-type").GetString());
        Assert.Equal("123456789012", d.GetProperty("requester").GetString());
        Assert.False(string.IsNullOrEmpty(d.GetProperty("object").GetProperty("sequencer").GetString()));
    }
}
