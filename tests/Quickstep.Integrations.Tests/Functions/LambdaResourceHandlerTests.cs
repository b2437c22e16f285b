using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Json;
using static Quickstep.Integrations.Tests.TestSupport;

namespace Quickstep.Integrations.Tests.Functions;

public sealed class LambdaResourceHandlerTests
{
    private const string IdentityArn = "arn:aws:lambda:us-east-1:123456789012:function:Identity";
    private const string Invoke = LambdaResourceHandler.InvokeResource;

    private static LambdaFunctionRegistry Registry()
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("Identity", evt => evt);
        registry.Register("Raise", (JValue _) => throw new LambdaFunctionException("CustomException", "boom"));
        registry.Register("Crash", (JValue _) => throw new InvalidOperationException("bad state"));
        return registry;
    }

    [Theory]
    [InlineData(Invoke, true)]
    [InlineData(IdentityArn, true)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Identity:1", true)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Unregistered", true)]
    [InlineData("arn:aws:states:::lambda:invoke.waitForTaskToken", false)]
    [InlineData("arn:aws:states:::sqs:sendMessage", false)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:layer:x", false)]
    [InlineData("Identity", false)]
    public void CanHandle_Resource_ServesLambdaArnsAndInvokeOnly(string resource, bool expected)
    {
        Assert.Equal(expected, Handler(Registry()).CanHandle(resource));
    }

    [Fact]
    public async Task InvokeAsync_InProcessIdentityByArn_CompletesSynchronouslyWithTheSameValue()
    {
        var handler = Handler(Registry());
        var request = Request(IdentityArn, "{\"a\":[1,2.50]}");

        var pending = handler.InvokeAsync(request, CancellationToken.None);

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Same(request.Parameters, (await pending).Output);
    }

    [Fact]
    public void InvokeAsync_InProcessIdentityByArn_AllocatesNothingOnceWarm()
    {
        var handler = Handler(Registry());
        var request = Request(IdentityArn, "{\"a\":1}");
        for (var i = 0; i < 10; i++)
            _ = handler.InvokeAsync(request, CancellationToken.None);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
            _ = handler.InvokeAsync(request, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void InvokeAsync_ArnFunctionThrowsLambdaFunctionException_FailsWithPythonStyleErrorJson()
    {
        var result = Run(Handler(Registry()), Request("arn:aws:lambda:us-east-1:123456789012:function:Raise", "{}"));

        Assert.False(result.IsSuccess);
        Assert.Equal("CustomException", result.Error!.Error);
        Assert.Equal(
            "{\"errorMessage\": \"boom\", \"errorType\": \"CustomException\", \"requestId\": \"00000000-0000-0000-0000-000000000001\", \"stackTrace\": []}",
            result.Error.Cause);
    }

    [Fact]
    public void InvokeAsync_ArnFunctionThrowsOtherException_ErrorIsTheExceptionTypeName()
    {
        var result = Run(Handler(Registry()), Request("arn:aws:lambda:us-east-1:123456789012:function:Crash", "{}"));

        Assert.Equal("InvalidOperationException", result.Error!.Error);
        var cause = Assert.IsType<JObject>(JsonText.Parse(result.Error.Cause!));
        Assert.Equal(["errorMessage", "errorType", "requestId", "stackTrace"], cause.Keys);
        Assert.Equal("bad state", ((JString)cause["errorMessage"]!).Value);
    }

    [Fact]
    public void InvokeAsync_FunctionReturnsFailureResult_FailsWithoutAnException()
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("Refuse", new RefusingFunction());

        var result = Run(Handler(registry), Request("arn:aws:lambda:us-east-1:123456789012:function:Refuse", "{}"));

        Assert.Equal("Refused", result.Error!.Error);
        Assert.Contains("\"errorMessage\": \"no\"", result.Error.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void InvokeAsync_UnknownFunctionArn_FailsResourceNotFoundWithAwsCause()
    {
        var result = Run(Handler(Registry()), Request("arn:aws:lambda:us-east-1:123456789012:function:Nope", "{}"));

        Assert.Equal("Lambda.ResourceNotFoundException", result.Error!.Error);
        Assert.Equal(
            "Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: 00000000-0000-0000-0000-000000000001; Proxy: null)",
            result.Error.Cause);
    }

    [Fact]
    public void InvokeAsync_Invoke_ReturnsTheRecordedEnvelopeShape()
    {
        var result = Run(Handler(Registry()), Request(Invoke, "{\"FunctionName\":\"Identity\",\"Payload\":null}"));

        // services/test_lambda_task_service_test_invoke (RequestId, trace id and Date are volatile there).
        const string id = "00000000-0000-0000-0000-000000000001";
        const string trace = "Root=1-690c9533-000000000000000000000000;Sampled=0";
        const string date = "Thu, 06 Nov 2025 12:31:47 GMT";
        var expected = JsonText.Parse($$"""
            {"ExecutedVersion":"$LATEST","Payload":{},
             "SdkHttpMetadata":{
               "AllHttpHeaders":{"X-Amz-Executed-Version":["$LATEST"],"x-amzn-Remapped-Content-Length":["0"],"Connection":["keep-alive"],
                 "x-amzn-RequestId":["{{id}}"],"Content-Length":["2"],"Date":"{{date}}","X-Amzn-Trace-Id":["{{trace}}"],"Content-Type":["application/json"]},
               "HttpHeaders":{"Connection":"keep-alive","Content-Length":"2","Content-Type":"application/json","Date":"{{date}}",
                 "X-Amz-Executed-Version":"$LATEST","x-amzn-Remapped-Content-Length":"0","x-amzn-RequestId":"{{id}}","X-Amzn-Trace-Id":"{{trace}}"},
               "HttpStatusCode":200},
             "SdkResponseMetadata":{"RequestId":"{{id}}"},"StatusCode":200}
            """);
        Assert.Equal(JsonText.Serialize(expected), JsonOf(result.Output));
    }

    [Theory]
    [InlineData("\"true\"", "true", "4")]
    [InlineData("\"\\\"HelloWorld\\\"\"", "\"HelloWorld\"", "12")]
    [InlineData("\"0\"", "0", "1")]
    [InlineData("\"[]\"", "[]", "2")]
    [InlineData("\"{}\"", "{}", "2")]
    [InlineData("{\"status\":\"completed\"}", "{\"status\":\"completed\"}", "23")]
    public void InvokeAsync_InvokePayload_StringIsJsonTextAndContentLengthIsPythonStyle(string payload, string expectedPayload, string contentLength)
    {
        var result = Run(Handler(Registry()), Request(Invoke, $"{{\"FunctionName\":\"Identity\",\"Payload\":{payload}}}"));

        var output = Assert.IsType<JObject>(result.Output);
        Assert.Equal(expectedPayload, JsonOf(output["Payload"]));
        var headers = (JObject)((JObject)output["SdkHttpMetadata"]!)["HttpHeaders"]!;
        Assert.Equal(contentLength, ((JString)headers["Content-Length"]!).Value);
    }

    [Fact]
    public void InvokeAsync_InvokeWithoutPayload_SendsEmptyObject()
    {
        var result = Run(Handler(Registry()), Request(Invoke, "{\"FunctionName\":\"Identity\"}"));

        Assert.Equal("{}", JsonOf(((JObject)result.Output!)["Payload"]));
    }

    [Theory]
    [InlineData("Identity", "$LATEST")]
    [InlineData("Identity:7", "7")]
    [InlineData("Identity:live", "$LATEST")]
    [InlineData("111122223333:function:Identity", "$LATEST")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Identity:3", "3")]
    public void InvokeAsync_InvokeFunctionNameForms_ResolveTheFunction(string functionName, string executedVersion)
    {
        var result = Run(Handler(Registry()), Request(Invoke, $"{{\"FunctionName\":\"{functionName}\",\"Payload\":{{\"x\":1}}}}"));

        var output = Assert.IsType<JObject>(result.Output);
        Assert.Equal("{\"x\":1}", JsonOf(output["Payload"]));
        Assert.Equal(executedVersion, ((JString)output["ExecutedVersion"]!).Value);
    }

    [Fact]
    public void InvokeAsync_InvokeQualifierArgument_SetsExecutedVersion()
    {
        var result = Run(Handler(Registry()), Request(Invoke, "{\"FunctionName\":\"Identity\",\"Qualifier\":\"5\"}"));

        Assert.Equal("\"5\"", JsonOf(((JObject)result.Output!)["ExecutedVersion"]));
    }

    [Fact]
    public void InvokeAsync_InvokeQualifierConflictsWithName_FailsInvalidParameterValue()
    {
        var result = Run(Handler(Registry()), Request(Invoke, "{\"FunctionName\":\"Identity:4\",\"Qualifier\":\"5\"}"));

        Assert.Equal("Lambda.InvalidParameterValueException", result.Error!.Error);
    }

    [Fact]
    public void InvokeAsync_InvokeUnknownBareName_CauseUsesTheExecutionsRegionAndAccount()
    {
        var result = Run(Handler(Registry()), Request(Invoke, "{\"FunctionName\":\"no_such_fn\",\"Payload\":null}"));

        // error_handling/test_task_service_lambda_test_no_such_function_catch
        Assert.Equal("Lambda.ResourceNotFoundException", result.Error!.Error);
        Assert.Equal(
            "Function not found: arn:aws:lambda:eu-west-1:111122223333:function:no_such_fn:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: 00000000-0000-0000-0000-000000000001; Proxy: null)",
            result.Error.Cause);
    }

    [Fact]
    public void InvokeAsync_InvokeFunctionError_CauseIsCompactErrorJson()
    {
        var result = Run(Handler(Registry()), Request(Invoke, "{\"FunctionName\":\"Raise\"}"));

        // error_handling/test_task_service_lambda_test_raise_custom_exception
        Assert.Equal("CustomException", result.Error!.Error);
        Assert.Equal(
            "{\"errorMessage\":\"boom\",\"errorType\":\"CustomException\",\"requestId\":\"00000000-0000-0000-0000-000000000001\",\"stackTrace\":[]}",
            result.Error.Cause);
    }

    [Fact]
    public void InvokeAsync_InvokeWithoutFunctionName_FailsStatesRuntime()
    {
        var result = Run(Handler(Registry()), Request(Invoke, "{\"Payload\":{}}"));

        Assert.Equal("States.Runtime", result.Error!.Error);
        Assert.Equal(
            "The Parameters '{\"Payload\":{}}' could not be used to start the Task: [The field \"FunctionName\" is required but was missing]",
            result.Error.Cause);
    }

    [Theory]
    [InlineData("{\"FunctionName\":\"Identity\",\"Payload\":\"not json\"}", "Lambda.InvalidRequestContentException")]
    [InlineData("{\"FunctionName\":\"bad name!\"}", "Lambda.AWSLambdaException")]
    [InlineData("{\"FunctionName\":\"Identity\",\"InvocationType\":\"Sometimes\"}", "Lambda.AWSLambdaException")]
    [InlineData("{\"FunctionName\":\"Identity\",\"LogType\":\"Head\"}", "Lambda.AWSLambdaException")]
    [InlineData("{\"FunctionName\":42}", "States.Runtime")]
    [InlineData("[1]", "States.Runtime")]
    public void InvokeAsync_InvokeBadArguments_FailsAsAwsDoes(string parameters, string error)
    {
        var result = Run(Handler(Registry()), Request(Invoke, parameters));

        Assert.Equal(error, result.Error!.Error);
    }

    [Fact]
    public async Task InvokeAsync_InvokeEvent_Returns202AndRunsTheFunction()
    {
        var registry = new LambdaFunctionRegistry();
        var called = new TaskCompletionSource<JValue>(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Register("Sink", evt =>
        {
            called.TrySetResult(evt);
            return JValue.Null;
        });

        var result = Run(Handler(registry), Request(Invoke, "{\"FunctionName\":\"Sink\",\"InvocationType\":\"Event\",\"Payload\":{\"k\":1}}"));

        var output = Assert.IsType<JObject>(result.Output);
        Assert.Equal("202", JsonOf(output["StatusCode"]));
        Assert.Equal("\"\"", JsonOf(output["Payload"]));
        Assert.False(output.ContainsKey("ExecutedVersion"));
        Assert.Equal("{\"k\":1}", JsonOf(await called.Task.WaitAsync(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public void InvokeAsync_LogTypeTail_ReturnsTheLogTailBase64InLogResultAndHeaders()
    {
        var result = Run(Handler(Registry()), Request(Invoke, "{\"FunctionName\":\"Identity\",\"LogType\":\"Tail\",\"Payload\":{}}"));

        var output = Assert.IsType<JObject>(result.Output);
        Assert.Equal(["ExecutedVersion", "LogResult", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"], output.Select(p => p.Key));
        var logResult = ((JString)output["LogResult"]!).Value;
        var tail = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(logResult));
        var requestId = ((JString)((JObject)output["SdkResponseMetadata"]!)["RequestId"]!).Value;
        Assert.StartsWith($"START RequestId: {requestId} Version: $LATEST\n", tail, StringComparison.Ordinal);
        Assert.Contains($"REPORT RequestId: {requestId}", tail, StringComparison.Ordinal);
        var metadata = (JObject)output["SdkHttpMetadata"]!;
        Assert.Equal($"[\"{logResult}\"]", JsonOf(((JObject)metadata["AllHttpHeaders"]!)["X-Amz-Log-Result"]));
        Assert.Equal($"\"{logResult}\"", JsonOf(((JObject)metadata["HttpHeaders"]!)["X-Amz-Log-Result"]));

        var none = (JObject)Run(Handler(Registry()), Request(Invoke, "{\"FunctionName\":\"Identity\",\"LogType\":\"None\"}")).Output!;
        Assert.False(none.ContainsKey("LogResult"));
    }

    [Fact]
    public void InvokeAsync_InvokeDryRun_Returns204WithoutRunning()
    {
        var registry = new LambdaFunctionRegistry();
        var calls = 0;
        registry.Register("Counted", evt =>
        {
            calls++;
            return evt;
        });

        var result = Run(Handler(registry), Request(Invoke, "{\"FunctionName\":\"Counted\",\"InvocationType\":\"DryRun\"}"));

        Assert.Equal("204", JsonOf(((JObject)result.Output!)["StatusCode"]));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task InvokeAsync_Cancelled_ThrowsOperationCanceled()
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("Slow", async (JValue evt, CancellationToken ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return evt;
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Handler(registry).InvokeAsync(Request("arn:aws:lambda:us-east-1:123456789012:function:Slow", "{}"), cts.Token));
    }

    [Fact]
    public void InvokeAsync_DefaultOptions_MakesUuidRequestIds()
    {
        var handler = new LambdaResourceHandler(Registry());

        var result = Run(handler, Request(Invoke, "{\"FunctionName\":\"Identity\"}"));

        var id = ((JString)((JObject)((JObject)result.Output!)["SdkResponseMetadata"]!)["RequestId"]!).Value;
        Assert.True(Guid.TryParse(id, out _));
    }

    private sealed class RefusingFunction : LambdaFunction
    {
        public override ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken) =>
            new(LambdaInvocationResult.Failure("Refused", "no"));
    }
}
