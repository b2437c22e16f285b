using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;
using static Quickstep.Integrations.Tests.TestSupport;

namespace Quickstep.Integrations.Tests.Mocking;

public sealed class MockingResourceHandlerTests
{
    private const string FlakyArn = "arn:aws:lambda:us-east-1:123456789012:function:Flaky";
    private const string AlwaysFailsArn = "arn:aws:lambda:us-east-1:123456789012:function:AlwaysFails";
    private const string Machine = "w6-retry-catch";

    private static (MockingResourceHandler Handler, CountingHandler Real) Create(string config = MockConfigTests.W6)
    {
        var real = new CountingHandler();
        return (new MockingResourceHandler(MockConfig.Parse(config), real), real);
    }

    private static TaskRequest W6(string state, string resource, string executionArn = ExecutionArn, string? testCase = "Default") =>
        Request(resource, "{\"id\":1}", state, Machine, executionArn, testCase);

    [Fact]
    public void InvokeAsync_W6Flaky_ThrowsTwiceThenReturns()
    {
        var (handler, real) = Create();

        var first = Run(handler, W6("Flaky", FlakyArn));
        var second = Run(handler, W6("Flaky", FlakyArn));
        var third = Run(handler, W6("Flaky", FlakyArn));

        Assert.Equal(("Transient", "flaky"), (first.Error!.Error, first.Error.Cause));
        Assert.Equal(("Transient", "flaky"), (second.Error!.Error, second.Error.Cause));
        Assert.Equal("{\"ok\":true,\"attempts\":3}", JsonOf(third.Output));
        Assert.Equal(0, real.Calls);
        Assert.Equal(3, handler.InvocationCount(ExecutionArn, "Flaky"));
    }

    [Fact]
    public void InvokeAsync_PastTheLastCoveredInvocation_FailsStatesRuntime()
    {
        var (handler, _) = Create();
        Run(handler, W6("AlwaysFails", AlwaysFailsArn));
        Run(handler, W6("AlwaysFails", AlwaysFailsArn));

        var third = Run(handler, W6("AlwaysFails", AlwaysFailsArn));

        Assert.Equal("States.Runtime", third.Error!.Error);
        Assert.Contains("'AlwaysTransient'", third.Error.Cause, StringComparison.Ordinal);
        Assert.Contains("invocation 2", third.Error.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void InvokeAsync_CountsPerExecutionAndState()
    {
        var (handler, _) = Create();
        Run(handler, W6("Flaky", FlakyArn, "arn:aws:states:us-east-1:123456789012:execution:w6:a"));
        Run(handler, W6("Flaky", FlakyArn, "arn:aws:states:us-east-1:123456789012:execution:w6:a"));

        var otherExecution = Run(handler, W6("Flaky", FlakyArn, "arn:aws:states:us-east-1:123456789012:execution:w6:b"));
        var otherState = Run(handler, W6("AlwaysFails", AlwaysFailsArn, "arn:aws:states:us-east-1:123456789012:execution:w6:a"));
        var sameAgain = Run(handler, W6("Flaky", FlakyArn, "arn:aws:states:us-east-1:123456789012:execution:w6:a"));

        Assert.Equal("flaky", otherExecution.Error!.Cause);
        Assert.Equal("always", otherState.Error!.Cause);
        Assert.True(sameAgain.IsSuccess);
    }

    [Fact]
    public void InvokeAsync_EqualArnAsAnotherStringInstance_SharesTheCounters()
    {
        var (handler, _) = Create();
        Run(handler, W6("Flaky", FlakyArn, new string(ExecutionArn.AsSpan())));
        Run(handler, W6("Flaky", FlakyArn, "arn:aws:states:us-east-1:123456789012:execution:w6:other"));
        Run(handler, W6("Flaky", FlakyArn, new string(ExecutionArn.AsSpan())));

        var third = Run(handler, W6(new string("Flaky".AsSpan()), FlakyArn, new string(ExecutionArn.AsSpan())));

        Assert.True(third.IsSuccess);
        Assert.Equal(3, handler.InvocationCount(new string(ExecutionArn.AsSpan()), "Flaky"));
    }

    [Fact]
    public async Task InvokeAsync_ConcurrentCallsOfOneState_CountEachOnce()
    {
        var (handler, _) = Create("""
            {"StateMachines": {"w6-retry-catch": {"TestCases": {"Default": {"Flaky": "Many"}}}},
             "MockedResponses": {"Many": {"0-399": {"Return": 1}}}}
            """);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
                Assert.True(Run(handler, W6("Flaky", FlakyArn)).IsSuccess);
        })));

        Assert.Equal(400, handler.InvocationCount(ExecutionArn, "Flaky"));
        Assert.False(Run(handler, W6("Flaky", FlakyArn)).IsSuccess);
    }

    [Fact]
    public void CompleteExecution_ForgetsItsCounters()
    {
        var (handler, _) = Create();
        Run(handler, W6("Flaky", FlakyArn));
        Run(handler, W6("Flaky", FlakyArn));

        handler.CompleteExecution(ExecutionArn);

        Assert.Equal(0, handler.InvocationCount(ExecutionArn, "Flaky"));
        Assert.False(Run(handler, W6("Flaky", FlakyArn)).IsSuccess);
    }

    [Fact]
    public void InvokeAsync_NoTestCase_DelegatesToTheRealHandler()
    {
        var (handler, real) = Create();

        var result = Run(handler, W6("Flaky", FlakyArn, testCase: null));

        Assert.True(result.IsSuccess);
        Assert.Equal(1, real.Calls);
    }

    [Fact]
    public void InvokeAsync_StateNotMockedInTheTestCase_DelegatesToTheRealHandler()
    {
        var (handler, real) = Create();

        var result = Run(handler, W6("Unmocked", FlakyArn));

        Assert.True(result.IsSuccess);
        Assert.Equal(1, real.Calls);
    }

    [Fact]
    public void InvokeAsync_UnknownTestCase_FailsStatesRuntime()
    {
        var (handler, real) = Create();

        var result = Run(handler, W6("Flaky", FlakyArn, testCase: "Typo"));

        Assert.Equal("States.Runtime", result.Error!.Error);
        Assert.Contains("'Typo'", result.Error.Cause, StringComparison.Ordinal);
        Assert.Equal(0, real.Calls);
    }

    [Fact]
    public void InvokeAsync_MockedLambdaInvoke_ReturnIsTheWholeTaskResult()
    {
        const string config = """
            {"StateMachines": {"sm": {"TestCases": {"HappyPath": {"LambdaState": "MockedLambdaSuccess"}}}},
             "MockedResponses": {"MockedLambdaSuccess": {"0": {"Return": {"StatusCode": 200, "Payload": {"body": "Hello from Lambda!"}}}}}}
            """;
        var handler = new MockingResourceHandler(MockConfig.Parse(config), new LambdaResourceHandler(new LambdaFunctionRegistry()));

        var result = Run(handler, Request(LambdaResourceHandler.InvokeResource, "{\"FunctionName\":\"Missing\"}", "LambdaState", "sm", testCase: "HappyPath"));

        Assert.Equal("{\"StatusCode\":200,\"Payload\":{\"body\":\"Hello from Lambda!\"}}", JsonOf(result.Output));
    }

    [Fact]
    public void CanHandle_AnyResource_IsTrue()
    {
        var (handler, _) = Create();

        Assert.True(handler.CanHandle("arn:aws:states:::sqs:sendMessage"));
    }

    [Fact]
    public async Task InvokeAsync_ConcurrentInvocations_EachGetsADistinctIndex()
    {
        var config = MockConfig.Parse("""
            {"StateMachines": {"sm": {"TestCases": {"t": {"S": "R"}}}},
             "MockedResponses": {"R": {"0-99": {"Return": "ok"}}}}
            """);
        var handler = new MockingResourceHandler(config, new CountingHandler());

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() =>
            Run(handler, Request("r", "{}", "S", "sm", testCase: "t")))));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(100, handler.InvocationCount(ExecutionArn, "S"));
        Assert.False(Run(handler, Request("r", "{}", "S", "sm", testCase: "t")).IsSuccess);
    }

    private sealed class CountingHandler : IResourceHandler
    {
        public int Calls { get; private set; }

        public bool CanHandle(string resource) => true;

        public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return new(TaskResult.Success(JString.Create("real")));
        }
    }
}
