using Quickstep.Aws;
using Quickstep.Aws.Targets;
using Quickstep.Json;

namespace Quickstep.Aws.Tests.Targets;

public sealed class ServiceTargetInvokerTests
{
    private readonly Dictionary<string, IAwsService> _services = new(StringComparer.Ordinal);

    private RecordingService Add(string name)
    {
        var service = new RecordingService(name);
        _services[name] = service;
        return service;
    }

    [Theory]
    [InlineData(false, "StartExecution")]
    [InlineData(true, "StartSyncExecution")]
    public async Task StateMachine_StartsAnExecutionWithTheInput(bool synchronous, string operation)
    {
        var states = Add("states");
        const string arn = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
        await new ServiceTargetInvoker(_services).InvokeAsync(new TargetRequest(arn, """{"a":1}""") { Synchronous = synchronous, ExecutionName = "run-1" });
        var (op, input) = Assert.Single(states.Calls);
        Assert.Equal(operation, op);
        Assert.Equal(arn, input["stateMachineArn"]!.ToString().Trim('"'));
        Assert.Equal("""{"a":1}""", ((JString)input["input"]!).Value);
        Assert.Equal("run-1", ((JString)input["name"]!).Value);
    }

    [Fact]
    public async Task Queue_LooksUpTheUrlThenSends()
    {
        var sqs = Add("sqs");
        sqs.Answer = op => op == "GetQueueUrl" ? JsonText.Parse("""{"QueueUrl":"http://h/123456789012/jobs.fifo"}""") : JObject.Empty;
        await new ServiceTargetInvoker(_services).InvokeAsync(new TargetRequest("arn:aws:sqs:us-east-1:123456789012:jobs.fifo", "hello") { MessageGroupId = "g" });
        Assert.Equal(["GetQueueUrl", "SendMessage"], sqs.Calls.Select(c => c.Operation));
        Assert.Equal("jobs.fifo", ((JString)sqs.Calls[0].Input["QueueName"]!).Value);
        Assert.Equal("123456789012", ((JString)sqs.Calls[0].Input["QueueOwnerAWSAccountId"]!).Value);
        var send = sqs.Calls[1].Input;
        Assert.Equal("http://h/123456789012/jobs.fifo", ((JString)send["QueueUrl"]!).Value);
        Assert.Equal("hello", ((JString)send["MessageBody"]!).Value);
        Assert.Equal("g", ((JString)send["MessageGroupId"]!).Value);
    }

    [Fact]
    public async Task Topic_Publishes()
    {
        var sns = Add("sns");
        await new ServiceTargetInvoker(_services).InvokeAsync(new TargetRequest("arn:aws:sns:us-east-1:123456789012:news", "{}"));
        var (op, input) = Assert.Single(sns.Calls);
        Assert.Equal("Publish", op);
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:news", ((JString)input["TopicArn"]!).Value);
        Assert.False(input.ContainsKey("MessageGroupId"));
    }

    [Fact]
    public async Task Bus_ForwardsTheEventsFields()
    {
        var events = Add("events");
        const string ev = """{"version":"0","id":"1","detail-type":"Order Placed","source":"shop","time":"2026-01-01T00:00:00Z","resources":["r1"],"detail":{"n":2}}""";
        await new ServiceTargetInvoker(_services).InvokeAsync(new TargetRequest("arn:aws:events:us-east-1:123456789012:event-bus/other", ev));
        var (op, input) = Assert.Single(events.Calls);
        Assert.Equal("PutEvents", op);
        var entry = (JObject)((JArray)input["Entries"]!)[0];
        Assert.Equal("shop", ((JString)entry["Source"]!).Value);
        Assert.Equal("Order Placed", ((JString)entry["DetailType"]!).Value);
        Assert.Equal("""{"n":2}""", ((JString)entry["Detail"]!).Value);
        Assert.Equal("""["r1"]""", entry["Resources"]!.ToJson());
    }

    [Fact]
    public async Task Bus_RefusesAnInputThatIsNotAnEvent()
    {
        Add("events");
        var e = await Assert.ThrowsAsync<AwsServiceException>(async () =>
            await new ServiceTargetInvoker(_services).InvokeAsync(new TargetRequest("arn:aws:events:us-east-1:123456789012:event-bus/other", """{"a":1}""")));
        Assert.Equal("ValidationException", e.Code);
    }

    [Theory]
    [InlineData(false, "Event")]
    [InlineData(true, "RequestResponse")]
    public async Task Function_Invokes(bool synchronous, string invocationType)
    {
        var lambda = Add("lambda");
        await new ServiceTargetInvoker(_services).InvokeAsync(new TargetRequest("arn:aws:lambda:us-east-1:123456789012:function:f", "{}") { Synchronous = synchronous });
        var (op, input) = Assert.Single(lambda.Calls);
        Assert.Equal("Invoke", op);
        Assert.Equal(invocationType, ((JString)input["InvocationType"]!).Value);
        Assert.Equal("{}", ((JString)input["Payload"]!).Value);
    }

    [Theory]
    [InlineData("not-an-arn", "ValidationException")]
    [InlineData("arn:aws:dynamodb:us-east-1:123456789012:table/t", "ValidationException")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f", "ResourceNotFoundException")]
    public async Task UnsupportedOrMissingService_IsAServiceError(string arn, string code)
    {
        var e = await Assert.ThrowsAsync<AwsServiceException>(async () => await new ServiceTargetInvoker(_services).InvokeAsync(new TargetRequest(arn, "{}")));
        Assert.Equal(code, e.Code);
    }

    private sealed class RecordingService(string name) : IAwsService
    {
        public List<(string Operation, JObject Input)> Calls { get; } = [];

        public Func<string, JValue> Answer { get; set; } = _ => JObject.Empty;

        public string SigningName => name;

        public ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
        {
            Calls.Add((operation, input));
            return new(Answer(operation));
        }
    }
}
