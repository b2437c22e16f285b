using Quickstep.Asl.Compilation;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

public sealed class TaskStateTests
{
    [Fact]
    public async Task Task_FunctionArn_ReturnsFunctionResult()
    {
        var def = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%double","End":true}}}""";
        var output = await Run.Output(def, """{"n":21}""", f => f.Register("double", e => JValue.FromNumber(((JNumber)((JObject)e)["n"]!).Value * 2)));
        Assert.Equal("42", output);
    }

    [Fact]
    public async Task Task_LambdaInvoke_WrapsResultInEnvelope()
    {
        var def = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"echo","Payload.$":"$"},"ResultSelector":{"p.$":"$.Payload","code.$":"$.StatusCode"},"End":true}}}""";
        Assert.Equal("{\"p\":{\"a\":1},\"code\":200}", await Run.Output(def, """{"a":1}""", f => f.Register("echo", e => e)));
    }

    [Fact]
    public async Task Task_ResultSelectorResultPathOutputPath_AppliedInOrder()
    {
        var def = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%echo","InputPath":"$.in","Parameters":{"v.$":"$.x"},"ResultSelector":{"got.$":"$.v"},"ResultPath":"$.res","OutputPath":"$.res","End":true}}}""";
        Assert.Equal("{\"got\":5}", await Run.Output(def, """{"in":{"x":5}}""", f => f.Register("echo", e => e)));
    }

    [Fact]
    public async Task Task_FunctionError_IsCaughtWithErrorOutput()
    {
        var def = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"%FN%boom","Catch":[{"ErrorEquals":["CustomError"],"ResultPath":"$.err","Next":"H"}],"End":true},
              "H":{"Type":"Pass","End":true}}}
            """;
        var r = await Run.Async(def, """{"a":1}""", f => f.Register("boom", (JValue _) => throw new LambdaFunctionException("CustomError", "bad")));
        Assert.Equal(ExecutionStatus.Succeeded, r.Status);
        var err = (JObject)((JObject)r.Output!)["err"]!;
        Assert.Equal("CustomError", ((JString)err["Error"]!).Value);
        Assert.Contains("\"errorMessage\":\"bad\"", ((JString)err["Cause"]!).Value.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_Retry_BacksOffExponentiallyWithCap()
    {
        var calls = 0;
        var def = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%flaky",
              "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":3,"MaxDelaySeconds":10}],"End":true}}}
            """;
        var r = await Run.Async(def, "{}", f => f.Register("flaky", e => ++calls < 4 ? throw new LambdaFunctionException("E", "x") : e));
        Assert.Equal(ExecutionStatus.Succeeded, r.Status);
        Assert.Equal(4, calls);
        // Delays 2, 6, then min(18, 10) = 10 seconds on the virtual clock.
        Assert.Equal(TimeSpan.FromSeconds(18), r.StopDate - r.StartDate);
        Assert.Equal(4, r.Transitions);
    }

    [Fact]
    public async Task Task_RetryExhausted_FailsWithLastError()
    {
        var def = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%f","Retry":[{"ErrorEquals":["E"],"MaxAttempts":2}],"End":true}}}""";
        var r = await Run.Async(def, "{}", f => f.Register("f", (JValue _) => throw new LambdaFunctionException("E", "x")));
        Assert.Equal(ExecutionStatus.Failed, r.Status);
        Assert.Equal("E", r.Error);
        Assert.Equal(TimeSpan.FromSeconds(1 + 2), r.StopDate - r.StartDate);
    }

    [Fact]
    public async Task Task_FullJitter_DelayIsTheInjectedDrawTimesTheInterval()
    {
        var def = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%f","Retry":[{"ErrorEquals":["E"],"IntervalSeconds":10,"MaxAttempts":1,"JitterStrategy":"FULL"}],"End":true}}}""";
        var clock = new VirtualTimeProvider(Run.Start);

        // A seeded source: the one draw the retry takes is known, and far from 1 (no jitter would wait the full 10 s).
        var draw = new Random(7).NextDouble();
        Assert.InRange(draw, 0.05, 0.9);
        var r = await Run.Async(def, "{}", f => f.Register("f", (JValue _) => throw new LambdaFunctionException("E", "x")), clock, services: new DefaultEvaluationServices(clock, seed: 7));

        Assert.Equal("E", r.Error);
        Assert.Equal(TimeSpan.FromSeconds(10 * draw).TotalMilliseconds, (r.StopDate - r.StartDate).TotalMilliseconds, 1);
    }

    [Fact]
    public async Task Task_Timeout_FailsWithStatesTimeoutAndCanBeCaught()
    {
        var def = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"%FN%slow","TimeoutSeconds":5,"Catch":[{"ErrorEquals":["States.Timeout"],"Next":"H"}],"End":true},
              "H":{"Type":"Pass","End":true}}}
            """;
        var clock = new VirtualTimeProvider(Run.Start);
        var r = await Run.Async(def, "{}", f => f.Register("slow", async (JValue e, CancellationToken ct) =>
        {
            await clock.IdleTracker.DelayAsync(clock, TimeSpan.FromSeconds(60), ct);
            return e;
        }), clock);
        Assert.Equal(ExecutionStatus.Succeeded, r.Status);
        Assert.Equal("{\"Error\":\"States.Timeout\"}", r.Output!.ToString());
    }

    [Fact]
    public async Task Task_RuntimeError_IsNotCaughtByStatesAll()
    {
        var def = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"%FN%echo","OutputPath":"$.missing","Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},
              "H":{"Type":"Pass","End":true}}}
            """;
        var r = await Run.Async(def, "{}", f => f.Register("echo", e => e));
        Assert.Equal(ExecutionStatus.Failed, r.Status);
        Assert.Equal("States.Runtime", r.Error);
    }

    [Fact]
    public async Task Task_ResultOverPayloadLimit_FailsDataLimitExceeded()
    {
        var def = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%big","End":true}}}""";
        var r = await Run.Async(def, "{}", f => f.Register("big", _ => JValue.FromString(new string('x', 300_000))));
        Assert.Equal("States.DataLimitExceeded", r.Error);
    }

    [Fact]
    public async Task Task_UnknownResource_Fails()
    {
        var def = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::nosuch:thing","End":true}}}""";
        var r = await Run.Async(def);
        Assert.Equal(ExecutionStatus.Failed, r.Status);
    }
}
