using System.Text.Json;

namespace Quickstep.Server.Tests.Sns;

/// <summary>A topic fans out to the server's own queues; a stock SQS client receives what was published.</summary>
public sealed class SnsToSqsTests : IClassFixture<SnsToSqsScenario>
{
    private readonly JsonElement _r;

    public SnsToSqsTests(SnsToSqsScenario scenario) => _r = scenario.Result;

    [Fact]
    public void EnvelopeSubscription_ReceivesTheNotificationJson()
    {
        var m = Assert.Single(_r.GetProperty("envelope").EnumerateArray());
        var body = m.GetProperty("Body");
        Assert.Equal("Notification", body.GetProperty("Type").GetString());
        Assert.Equal(_r.GetProperty("messageId").GetString(), body.GetProperty("MessageId").GetString());
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:orders", body.GetProperty("TopicArn").GetString());
        Assert.Equal("new order", body.GetProperty("Subject").GetString());
        Assert.Equal("{\"order\":1}", body.GetProperty("Message").GetString());
        Assert.Equal("order", body.GetProperty("MessageAttributes").GetProperty("kind").GetProperty("Value").GetString());
        Assert.Equal(JsonValueKind.Null, m.GetProperty("MessageAttributes").ValueKind);
    }

    [Fact]
    public void RawSubscription_ReceivesTheMessageAndItsAttributes()
    {
        var m = Assert.Single(_r.GetProperty("raw").EnumerateArray());
        Assert.Equal("{\"order\":1}", m.GetProperty("Body").GetString());
        var kind = m.GetProperty("MessageAttributes").GetProperty("kind");
        Assert.Equal("String", kind.GetProperty("DataType").GetString());
        Assert.Equal("order", kind.GetProperty("StringValue").GetString());
    }
}
