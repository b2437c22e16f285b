using System.Text.Json;

namespace Quickstep.Server.Tests.Lambda;

/// <summary>Functions of every kind as the official AWS SDK for JavaScript sees them: the Lambda API, Task states, SNS → Lambda (sdk/lambda.mjs).</summary>
public sealed class LambdaSdkTests : IClassFixture<LambdaScenario>
{
    private readonly LambdaScenario _scenario;

    public LambdaSdkTests(LambdaScenario scenario) => _scenario = scenario;

    private JsonElement Step(string name) => _scenario.Result.GetProperty(name);

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private JsonElement Payload(string step) => JsonDocument.Parse(S(Step(step), "Payload")).RootElement;

    private void AssertFunctionError(string step, string errorType)
    {
        var s = Step(step);
        Assert.True(s.TryGetProperty("StatusCode", out var status), $"{step}: {s}");
        Assert.Equal(200, status.GetInt32());
        Assert.Equal("Unhandled", S(s, "FunctionError"));
        Assert.Equal(errorType, S(Payload(step), "errorType"));
    }

    [Fact]
    public void Invoke_NodeCommonJsAndEsModules_AnswerFromAWarmWorker()
    {
        var greet = Payload("greet");
        Assert.Equal(200, Step("greet").GetProperty("StatusCode").GetInt32());
        Assert.Equal("$LATEST", S(Step("greet"), "ExecutedVersion"));
        Assert.Equal("Hello, Ada", S(greet, "greeting"));
        Assert.Equal("Greet", S(greet, "functionName"));
        Assert.Equal("512", S(greet, "memory"));
        Assert.Equal("index.handler", S(greet, "handlerEnv"));
        Assert.True(greet.GetProperty("remainingOk").GetBoolean());
        Assert.Equal(36, S(greet, "requestId").Length);
        // The ARN form reached the same warm process.
        Assert.Equal(greet.GetProperty("pid").GetInt32(), Payload("greetAgain").GetProperty("pid").GetInt32());
        Assert.Equal(8, Payload("esm").GetProperty("doubled").GetInt32());
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:Esm", S(Payload("esm"), "arn"));
    }

    [Fact]
    public void Invoke_LogTypeTail_ReturnsTheInvocationsLogLines()
    {
        var log = S(Step("tail"), "Log");
        var id = S(Payload("tail"), "requestId");
        Assert.StartsWith($"START RequestId: {id} Version: $LATEST\n", log, StringComparison.Ordinal);
        Assert.Contains($"\t{id}\tINFO\tgreeting Tail\n", log, StringComparison.Ordinal);
        Assert.Contains($"END RequestId: {id}\nREPORT RequestId: {id}\tDuration: ", log, StringComparison.Ordinal);
        Assert.Contains("\tMemory Size: 512 MB\t", log, StringComparison.Ordinal);
        Assert.Contains("\ncharging 30\n", S(Step("charge"), "Log"), StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_ThrownErrorsCrashesAndTimeouts_AreFunctionErrors()
    {
        AssertFunctionError("reject", "OrderRejected");
        Assert.Equal("order 9 rejected", S(Payload("reject"), "errorMessage"));
        Assert.Contains("OrderRejected: order 9 rejected", Payload("reject").GetProperty("trace")[0].GetString(), StringComparison.Ordinal);
        AssertFunctionError("crash", "Runtime.ExitError");
        Assert.EndsWith("Error: Runtime exited with error: exit status 3", S(Payload("crash"), "errorMessage"), StringComparison.Ordinal);
        AssertFunctionError("timeout", "Sandbox.Timedout");
        Assert.Matches("^RequestId: [0-9a-f-]{36} Error: Task timed out after 1.00 seconds$", S(Payload("timeout"), "errorMessage"));
        // A fresh worker serves the next call.
        Assert.Equal("""{"slept":1}""", S(Step("afterTimeout"), "Payload"));
        AssertFunctionError("decline", "PaymentDeclined");
        Assert.Equal("card 4000 declined", S(Payload("decline"), "errorMessage"));
        Assert.True(Payload("decline").GetProperty("stackTrace").GetArrayLength() > 0);
        AssertFunctionError("pyCrash", "Runtime.ExitError");
        Assert.Equal(30, Payload("charge").GetProperty("charged").GetInt32());
    }

    [Fact]
    public void Invoke_PastTheConcurrency_IsTooManyRequests429()
    {
        Assert.Equal("""{"slept":1500}""", S(Step("busyA"), "Payload"));
        var refused = Step("busyB");
        Assert.Equal("TooManyRequestsException", S(refused, "error"));
        Assert.Equal(429, refused.GetProperty("status").GetInt32());
        Assert.Equal("Rate Exceeded.", S(refused, "message"));
        Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", S(refused, "reason"));
    }

    [Fact]
    public void Invoke_DryRunAndEvent_AnswerAtOnce_AndTheEventRuns()
    {
        Assert.Equal(204, Step("dryRun").GetProperty("StatusCode").GetInt32());
        Assert.Equal(202, Step("event").GetProperty("StatusCode").GetInt32());
        var recorded = Step("eventRecorded");
        Assert.Equal(JsonValueKind.Object, recorded.ValueKind);
        Assert.Equal("event", S(recorded.GetProperty("event"), "via"));
    }

    [Fact]
    public void Invoke_UrlFunctions_PostTheEvent()
    {
        Assert.Equal("""{"echoed":{"x":[1,2]},"requestIdHeader":true}""", S(Step("echo"), "Payload"));
        AssertFunctionError("urlFail", "InventoryError");
        Assert.Equal("out of stock", S(Payload("urlFail"), "errorMessage"));
        AssertFunctionError("urlNotJson", "Lambda.Unknown");
        Assert.Contains("not json at all", S(Payload("urlNotJson"), "errorMessage"), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiErrors_InLambdasRestJsonShape()
    {
        Assert.Equal("ResourceNotFoundException", S(Step("missing"), "error"));
        Assert.Equal(404, Step("missing").GetProperty("status").GetInt32());
        Assert.Equal("Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope", S(Step("missing"), "message"));
        Assert.Equal("User", S(Step("missing"), "type"));
        Assert.Equal("ValidationException", S(Step("badType"), "error"));
        Assert.Equal(400, Step("badType").GetProperty("status").GetInt32());
        Assert.Equal("ResourceNotFoundException", S(Step("getMissing"), "error"));
    }

    [Fact]
    public void GetFunctionAndListFunctions_DescribeTheConfiguredFunctions()
    {
        var config = Step("getFunction").GetProperty("Configuration");
        Assert.Equal("Greet", S(config, "FunctionName"));
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:Greet", S(config, "FunctionArn"));
        Assert.Equal("nodejs20.x", S(config, "Runtime"));
        Assert.Equal("index.handler", S(config, "Handler"));
        Assert.Equal(3, config.GetProperty("Timeout").GetInt32());
        Assert.Equal(512, config.GetProperty("MemorySize").GetInt32());
        Assert.Equal(["Busy", "Charge", "Crash", "Decline", "Echo", "Esm", "Greet", "PyCrash", "Recorder", "Reject", "Slow", "SnsRecorder", "UrlFail", "UrlNotJson"],
            Step("list").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void TaskStates_ReportErrorsAsStepFunctionsDoes()
    {
        Assert.Equal("Hello, Task", S(Step("taskGreet").GetProperty("output"), "greeting"));
        var reject = Step("taskReject");
        Assert.Equal("OrderRejected", S(reject, "error"));
        Assert.Equal("order 5 rejected", S(JsonDocument.Parse(S(reject, "cause")).RootElement, "errorMessage"));
        Assert.Equal("OrderRejected", S(Step("taskInvokeReject"), "error"));
        Assert.Equal("Lambda.Unknown", S(Step("taskCrash"), "error"));
        Assert.Matches("^The cause could not be determined because Lambda did not return an error type. Returned payload: \\{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3\"\\}$", S(Step("taskCrash"), "cause"));
        Assert.Equal("Sandbox.Timedout", S(Step("taskTimeout"), "error"));
        Assert.Matches("^\\{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: [0-9a-f-]{36} Error: Task timed out after 1.00 seconds\"\\}$", S(Step("taskTimeout"), "cause"));
        Assert.Equal("Lambda.TooManyRequestsException", S(Step("taskConcurrency"), "error"));
        Assert.Matches("^Rate Exceeded. \\(Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$", S(Step("taskConcurrency"), "cause"));
        var python = Step("taskPython").GetProperty("output");
        Assert.Equal(200, python.GetProperty("StatusCode").GetInt32());
        Assert.Equal(7, python.GetProperty("Payload").GetProperty("charged").GetInt32());
        Assert.Equal(202, Step("taskEvent").GetProperty("output").GetProperty("StatusCode").GetInt32());
    }

    [Fact]
    public void SnsLambdaSubscription_DeliversTheSnsEvent()
    {
        var sns = Step("sns");
        var record = sns.GetProperty("recorded").GetProperty("event").GetProperty("Records")[0];
        Assert.Equal(["EventSource", "EventVersion", "EventSubscriptionArn", "Sns"], record.EnumerateObject().Select(p => p.Name));
        Assert.Equal("aws:sns", S(record, "EventSource"));
        Assert.Equal("1.0", S(record, "EventVersion"));
        Assert.Equal(S(sns, "sub"), S(record, "EventSubscriptionArn"));
        var message = record.GetProperty("Sns");
        Assert.Equal(["Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertUrl", "UnsubscribeUrl", "MessageAttributes"],
            message.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Notification", S(message, "Type"));
        Assert.Equal(S(sns, "topic"), S(message, "TopicArn"));
        Assert.Equal("greeting", S(message, "Subject"));
        Assert.Equal("hello lambda", S(message, "Message"));
        Assert.Equal("blue", S(message.GetProperty("MessageAttributes").GetProperty("color"), "Value"));
        Assert.Equal("String", S(message.GetProperty("MessageAttributes").GetProperty("color"), "Type"));
    }
}
