using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

public sealed class FlowStateTests
{
    [Fact]
    public async Task Wait_Seconds_AdvancesVirtualClock()
    {
        var r = await Run.Async("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}""");
        Assert.Equal(TimeSpan.FromSeconds(30), r.StopDate - r.StartDate);
    }

    [Fact]
    public async Task Wait_SecondsPathAndTimestampPath_Work()
    {
        var r = await Run.Async("""{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","Next":"T"},"T":{"Type":"Wait","TimestampPath":"$.t","End":true}}}""", """{"s":10,"t":"2026-01-01T00:01:00Z"}""");
        Assert.Equal(ExecutionStatus.Succeeded, r.Status);
        Assert.Equal(TimeSpan.FromSeconds(60), r.StopDate - r.StartDate);
    }

    [Fact]
    public async Task Wait_NegativeSecondsPath_FailsRuntime()
    {
        var r = await Run.Async("""{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}""", """{"s":-1}""");
        Assert.Equal("States.Runtime", r.Error);
        Assert.EndsWith("The SecondsPath parameter references a negative value: $.s == -1", r.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_PastExpressCap_TimesOut()
    {
        var r = await Run.Async("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":400,"End":true}}}""");
        Assert.Equal(ExecutionStatus.TimedOut, r.Status);
        Assert.Equal(TimeSpan.FromMinutes(5), r.StopDate - r.StartDate);
    }

    [Fact]
    public async Task MachineTimeoutSeconds_TimesOut()
    {
        var r = await Run.Async("""{"TimeoutSeconds":10,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":20,"End":true}}}""");
        Assert.Equal(ExecutionStatus.TimedOut, r.Status);
    }

    [Fact]
    public async Task Fail_ErrorAndCause_EndExecution()
    {
        var r = await Run.Async("""{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"MyError","Cause":"because"}}}""");
        Assert.Equal((ExecutionStatus.Failed, "MyError", "because"), (r.Status, r.Error, r.Cause));
    }

    [Fact]
    public async Task Fail_ErrorPathAndCausePath_ReadInput()
    {
        var r = await Run.Async("""{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('c={}', $.c)"}}}""", """{"e":"E1","c":3}""");
        Assert.Equal(("E1", "c=3"), (r.Error, r.Cause));
    }

    [Fact]
    public async Task Parallel_RunsBranchesInOrder()
    {
        var def = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":1,"Next":"B2"},"B2":{"Type":"Pass","Result":2,"End":true}}}]}}}
            """;
        Assert.Equal("[1,2]", await Run.Output(def));
    }

    [Fact]
    public async Task Parallel_BranchFailure_PropagatesErrorToCatch()
    {
        var def = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Done","Catch":[{"ErrorEquals":["Boom"],"Next":"H"}],"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Fail","Error":"Boom","Cause":"c"}}}]},
             "Done":{"Type":"Succeed"},"H":{"Type":"Pass","End":true}}}
            """;
        Assert.Equal("{\"Error\":\"Boom\",\"Cause\":\"c\"}", await Run.Output(def));
    }

    [Fact]
    public async Task Map_ItemsPathAndItemSelector_MapEveryItem()
    {
        var def = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index","k.$":"$.k"},
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        Assert.Equal("[{\"v\":\"a\",\"i\":0,\"k\":1},{\"v\":\"b\",\"i\":1,\"k\":1}]", await Run.Output(def, """{"xs":["a","b"],"k":1}"""));
    }

    [Fact]
    public async Task Map_MaxConcurrencyOne_RunsInOrderWithWaits()
    {
        var def = """
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,
              "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}},"End":true}}}
            """;
        var r = await Run.Async(def, "[1,2,3]");
        Assert.Equal("[1,2,3]", r.Output!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(3), r.StopDate - r.StartDate);
    }

    [Fact]
    public async Task Map_NotAnArray_FailsRuntime()
    {
        var r = await Run.Async("""{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}""", """{"a":1}""");
        Assert.Equal("States.Runtime", r.Error);
        Assert.EndsWith("Map state input must be an array but was: {\"a\":1}", r.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_IterationFailureOverTolerance_FailsThreshold()
    {
        var def = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,
              "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%f","End":true}}},"End":true}}}
            """;
        var r = await Run.Async(def, "[1,2,3]", f => f.Register("f", e => ((JNumber)e).Value > 1 ? throw new LambdaFunctionException("E", "x") : e));
        Assert.Equal("States.ExceedToleratedFailureThreshold", r.Error);
    }

    [Fact]
    public async Task Assign_VariablesReadableInLaterStates_EvaluatedOnEntryValues()
    {
        var def = """
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
              "B":{"Type":"Pass","Assign":{"x":2,"old.$":"$x"},"Next":"C"},
              "C":{"Type":"Pass","Parameters":{"x.$":"$x","old.$":"$old"},"End":true}}}
            """;
        Assert.Equal("{\"x\":2,\"old\":1}", await Run.Output(def));
    }

    [Fact]
    public async Task Abort_CancelledToken_EndsAborted()
    {
        using var cts = new CancellationTokenSource();
        var engine = new QuickstepEngine(new EngineOptions());
        var machine = engine.Load("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""", "t");
        var run = machine.ExecuteAsync(JObject.Empty, null, cts.Token);
        await cts.CancelAsync();
        var r = await run;
        Assert.Equal(ExecutionStatus.Aborted, r.Status);
    }

    [Fact]
    public async Task History_PassChain_NumbersEventsAsAws()
    {
        var r = await Run.Async("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}""", history: true);
        var types = r.History!.Select(e => $"{e.Id}:{e.PreviousEventId}:{e.Type}");
        Assert.Equal(["1:0:ExecutionStarted", "2:0:PassStateEntered", "3:2:PassStateExited", "4:3:SucceedStateEntered", "5:4:SucceedStateExited", "6:5:ExecutionSucceeded"], types);
    }

    [Fact]
    public async Task ContextObject_HasExecutionAndStateMachine()
    {
        var output = await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"c.$":"$$"},"End":true}}}""");
        Assert.Contains("\"Name\":\"exec\"", output, StringComparison.Ordinal);
        Assert.Contains("arn:aws:states:us-east-1:123456789012:express:test:exec:", output, StringComparison.Ordinal);
        Assert.Contains("\"StateMachine\":{\"Id\":\"arn:aws:states:us-east-1:123456789012:stateMachine:test\",\"Name\":\"test\"}", output, StringComparison.Ordinal);
    }
}
