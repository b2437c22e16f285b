using Quickstep.Aws;
using Quickstep.Aws.Targets;
using Quickstep.Json;

namespace Quickstep.Server.Tests.Targets;

/// <summary>The server's target invoker reaches its own Step Functions API and queues in process, with the API's shapes and errors.</summary>
public sealed class TargetInvokerTests : IClassFixture<InProcessServer>
{
    private const string Definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"got.$":"$.n"},"End":true}}}""";
    private readonly InProcessServer _server;

    public TargetInvokerTests(InProcessServer server) => _server = server;

    private async Task<string> CreateMachineAsync(string name)
    {
        var (status, body) = await _server.CallAsync("CreateStateMachine",
            $$"""{"name":"{{name}}","type":"EXPRESS","roleArn":"arn:aws:iam::123456789012:role/r","definition":{{System.Text.Json.JsonSerializer.Serialize(Definition)}}}""");
        Assert.Equal(200, status);
        return body.GetProperty("stateMachineArn").GetString()!;
    }

    [Fact]
    public async Task StateMachine_SyncTarget_RunsTheExecution()
    {
        var arn = await CreateMachineAsync("target-sync");
        var result = (JObject)await _server.Server.Targets.InvokeAsync(new TargetRequest(arn, """{"n":7}""") { Synchronous = true, ExecutionName = "from-target" });
        Assert.Equal("SUCCEEDED", ((JString)result["status"]!).Value);
        Assert.Equal("""{"got":7}""", ((JString)result["output"]!).Value);
        Assert.Contains(":express:target-sync:from-target:", ((JString)result["executionArn"]!).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateMachine_AsyncTarget_StartsAnExecutionDescribeSees()
    {
        var arn = await CreateMachineAsync("target-async");
        var started = (JObject)await _server.Server.Targets.InvokeAsync(new TargetRequest(arn, """{"n":1}"""));
        var executionArn = ((JString)started["executionArn"]!).Value;
        var (status, body) = await _server.CallAsync("DescribeExecution", $$"""{"executionArn":"{{executionArn}}"}""");
        Assert.Equal(200, status);
        Assert.Equal(arn, body.GetProperty("stateMachineArn").GetString());
    }

    [Fact]
    public async Task MissingStateMachine_IsTheApisError()
    {
        var e = await Assert.ThrowsAsync<AwsServiceException>(async () =>
            await _server.Server.Targets.InvokeAsync(new TargetRequest("arn:aws:states:us-east-1:123456789012:stateMachine:nope", "{}")));
        Assert.Equal("StateMachineDoesNotExist", e.Code);
    }

    [Fact]
    public async Task Queue_ReceivesTheInput()
    {
        var created = (JObject)await _server.Server.Sqs.InvokeAsync("CreateQueue", JObject.Create([new("QueueName", JString.Create("target-q"))]));
        var url = ((JString)created["QueueUrl"]!).Value;
        await _server.Server.Targets.InvokeAsync(new TargetRequest("arn:aws:sqs:us-east-1:123456789012:target-q", """{"hello":"queue"}"""));
        var received = (JObject)await _server.Server.Sqs.InvokeAsync("ReceiveMessage", JObject.Create([new("QueueUrl", JString.Create(url))]));
        var message = (JObject)((JArray)received["Messages"]!)[0];
        Assert.Equal("""{"hello":"queue"}""", ((JString)message["Body"]!).Value);
    }
}
