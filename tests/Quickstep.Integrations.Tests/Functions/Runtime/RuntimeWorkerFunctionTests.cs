using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests.Functions.Runtime;

/// <summary>Real node and python3 workers on loopback, through the registry as a functions section builds them.</summary>
public sealed class RuntimeWorkerFunctionTests : IAsyncLifetime
{
    private readonly LambdaFunctionRegistry _registry = new();

    public Task InitializeAsync()
    {
        const string section = """
            {"functions": {
              "Greet": {"runtime": "nodejs", "handler": "index.handler", "codeDir": "node-cjs", "environment": {"GREETING_STYLE": "warm"}, "memorySize": 256},
              "Add": {"runtime": "nodejs", "handler": "index.callback", "codeDir": "node-cjs"},
              "Reject": {"runtime": "nodejs", "handler": "index.fail", "codeDir": "node-cjs"},
              "Crash": {"runtime": "nodejs", "handler": "index.crash", "codeDir": "node-cjs"},
              "Slow": {"runtime": "nodejs", "handler": "index.slow", "codeDir": "node-cjs", "timeoutSeconds": 1, "concurrency": 1},
              "Esm": {"runtime": "nodejs", "handler": "index.handler", "codeDir": "node-esm"},
              "Echo": {"runtime": "nodejs", "handler": "index.echo", "codeDir": "node-cjs", "concurrency": 1},
              "PyEcho": {"runtime": "python", "handler": "app.echo", "codeDir": "python", "concurrency": 1},
              "DiesAtStart": {"worker": ["node", "-e", "process.exit(3)"], "timeoutSeconds": 30},
              "Missing": {"runtime": "nodejs", "handler": "index.nothere", "codeDir": "node-cjs"},
              "Charge": {"runtime": "python", "handler": "app.handler", "codeDir": "python"},
              "Decline": {"runtime": "python", "handler": "app.fail", "codeDir": "python"},
              "PyCrash": {"runtime": "python", "handler": "app.crash", "codeDir": "python"},
              "PySlow": {"runtime": "python", "handler": "app.slow", "codeDir": "python", "timeoutSeconds": 0.5}
            }}
            """;
        FunctionsFile.ParseInto(_registry, section, "test", HandlerFiles.Directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _registry.DisposeAsync().AsTask();

    private Task<LambdaInvocationResult> InvokeAsync(string name, string eventJson, bool log = false, string? requestId = null) =>
        _registry.Functions.Single(f => f.Key == name).Function
            .InvokeAsync(JsonText.Parse(eventJson), new LambdaInvocation { RequestId = requestId ?? Guid.NewGuid().ToString(), WantsLog = log }, CancellationToken.None).AsTask();

    [Fact]
    public async Task Node_CommonJsAsyncHandler_GetsContextAndEnvironment_AndStaysWarm()
    {
        var first = await InvokeAsync("Greet", """{"name": "Ada"}""", requestId: "11111111-2222-3333-4444-555555555555");
        var second = await InvokeAsync("Greet", """{"name": "Bob"}""");

        var o = Assert.IsType<JObject>(first.Payload);
        Assert.Equal("Hello, Ada", ((JString)o["greeting"]!).Value);
        Assert.Equal("11111111-2222-3333-4444-555555555555", ((JString)o["requestId"]!).Value);
        Assert.Equal("Greet", ((JString)o["functionName"]!).Value);
        Assert.Equal("256", ((JString)o["memory"]!).Value);
        Assert.Equal("index.handler", ((JString)o["handlerEnv"]!).Value);
        Assert.Equal("us-east-1", ((JString)o["region"]!).Value);
        Assert.Equal("warm", ((JString)o["custom"]!).Value);
        Assert.IsType<JBool>(o["remainingOk"]);
        Assert.True(((JBool)o["remainingOk"]!).Value);
        // The second call went to the same warm process.
        Assert.Equal(((JNumber)o["pid"]!).Value, ((JNumber)((JObject)second.Payload!)["pid"]!).Value);
    }

    [Fact]
    public async Task Node_CallbackHandler_AndEsModule_Answer()
    {
        var sum = await InvokeAsync("Add", """{"a": 2, "b": 40}""");
        var esm = await InvokeAsync("Esm", """{"n": 21}""");

        Assert.Equal("""{"sum":42}""", JsonText.Serialize(sum.Payload!));
        Assert.Equal(42, ((JNumber)((JObject)esm.Payload!)["doubled"]!).Value);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:Esm", ((JString)((JObject)esm.Payload!)["arn"]!).Value);
    }

    [Theory]
    [InlineData("Echo")]
    [InlineData("PyEcho")]
    public async Task LargeEventsAndManySequentialCalls_RoundTripThroughOneWarmWorker(string function)
    {
        // The bootstraps' own HTTP clients: bodies larger than a socket read, multi-byte UTF-8, one kept-alive connection.
        var big = string.Concat(Enumerable.Repeat("é€😀 ascii ", 120_000));
        var large = await InvokeAsync(function, JsonText.Serialize(JObject.Create([new("text", JString.Create(big))])));
        var pids = new HashSet<double>();
        for (var i = 0; i < 300; i++)
        {
            var small = await InvokeAsync(function, $$"""{"i": {{i}}}""");
            var o = Assert.IsType<JObject>(small.Payload);
            Assert.Equal(i, ((JNumber)o["i"]!).Value);
            pids.Add(((JNumber)o["pid"]!).Value);
        }

        Assert.Equal(big, ((JString)((JObject)large.Payload!)["text"]!).Value);
        Assert.Single(pids);
        Assert.Equal(((JNumber)((JObject)large.Payload!)["pid"]!).Value, pids.Single());
    }

    [Fact]
    public async Task Node_ThrownError_IsTheFunctionError()
    {
        var result = await InvokeAsync("Reject", """{"id": 7}""");

        Assert.Equal("OrderRejected", result.Error!.ErrorType);
        Assert.Equal("order 7 rejected", result.Error.ErrorMessage);
    }

    [Fact]
    public async Task Node_ProcessExit_IsLambdaUnknown_AndTheNextCallGetsANewWorker()
    {
        var result = await InvokeAsync("Crash", "{}");
        var again = await InvokeAsync("Crash", "{}");

        Assert.Equal("Lambda.Unknown", result.Error!.ErrorType);
        Assert.Contains("Runtime exited with error: exit status 3", result.Error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("Lambda.Unknown", again.Error!.ErrorType);
    }

    [Fact]
    public async Task Node_Timeout_IsSandboxTimedout_AndTheWorkerIsReplaced()
    {
        var result = await InvokeAsync("Slow", """{"ms": 5000}""", requestId: "aaaaaaaa-0000-0000-0000-000000000001");
        var after = await InvokeAsync("Slow", """{"ms": 1}""");

        Assert.Equal("Sandbox.Timedout", result.Error!.ErrorType);
        Assert.Equal("RequestId: aaaaaaaa-0000-0000-0000-000000000001 Error: Task timed out after 1.00 seconds", result.Error.ErrorMessage);
        Assert.Equal("""{"slept":1}""", JsonText.Serialize(after.Payload!));
    }

    [Fact]
    public async Task Node_PastTheConcurrency_IsTooManyRequests()
    {
        // The first call counts against the limit before it awaits anything: the second one comes right after it.
        var busy = InvokeAsync("Slow", """{"ms": 600}""");
        var refused = await InvokeAsync("Slow", """{"ms": 1}""");
        var done = await busy;

        Assert.Equal("Lambda.TooManyRequestsException", refused.Error!.ErrorType);
        Assert.Equal("Rate Exceeded.", refused.Error.ErrorMessage);
        Assert.True(done.IsSuccess);
    }

    [Fact]
    public async Task Worker_ThatExitsBeforeTakingAnInvocation_FailsItAtOnce_NotAfterTheTimeout()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await InvokeAsync("DiesAtStart", "{}");

        Assert.Equal("Lambda.Unknown", result.Error!.ErrorType);
        Assert.Contains("Runtime exited with error: exit status 3", result.Error.ErrorMessage, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task Node_MissingHandler_FailsWithTheInitError()
    {
        var result = await InvokeAsync("Missing", "{}");

        Assert.Equal("Runtime.HandlerNotFound", result.Error!.ErrorType);
    }

    [Fact]
    public async Task Node_LogTail_HasTheInvocationsLines()
    {
        var result = await InvokeAsync("Greet", """{"name": "Log"}""", log: true, requestId: "bbbbbbbb-0000-0000-0000-000000000002");

        Assert.StartsWith("START RequestId: bbbbbbbb-0000-0000-0000-000000000002 Version: $LATEST\n", result.Log, StringComparison.Ordinal);
        Assert.Contains("\tbbbbbbbb-0000-0000-0000-000000000002\tINFO\tgreeting Log\n", result.Log, StringComparison.Ordinal);
        Assert.Contains("END RequestId: bbbbbbbb-0000-0000-0000-000000000002\nREPORT RequestId: bbbbbbbb-0000-0000-0000-000000000002\tDuration: ", result.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Python_Handler_Error_Crash_Timeout()
    {
        var ok = await InvokeAsync("Charge", """{"amount": 12}""", log: true);
        var declined = await InvokeAsync("Decline", """{"card": "4242"}""");
        var crashed = await InvokeAsync("PyCrash", "{}");
        var slow = await InvokeAsync("PySlow", """{"seconds": 3}""");

        Assert.Equal(12, ((JNumber)((JObject)ok.Payload!)["charged"]!).Value);
        Assert.Contains("charging 12\n", ok.Log, StringComparison.Ordinal);
        Assert.Equal("PaymentDeclined", declined.Error!.ErrorType);
        Assert.Equal("card 4242 declined", declined.Error.ErrorMessage);
        Assert.Equal("Lambda.Unknown", crashed.Error!.ErrorType);
        Assert.Contains("exit status 2", crashed.Error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("Sandbox.Timedout", slow.Error!.ErrorType);
        Assert.EndsWith("Task timed out after 0.50 seconds", slow.Error.ErrorMessage, StringComparison.Ordinal);
    }
}
