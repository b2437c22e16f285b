using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>A failing Parallel branch or Map iteration fails the state at once and aborts its siblings, as AWS does.</summary>
public sealed class BranchAbortTests
{
    private static List<string> Types(ExecutionResult r) => [.. r.History!.Select(e => e.Type)];

    [Fact]
    public async Task Parallel_FailBesideLongWait_FailsAtOnceAndAbortsTheWait()
    {
        var def = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}},
              {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"c"}}}]}}}
            """;
        var r = await Run.Async(def, history: true);
        Assert.Equal((ExecutionStatus.Failed, "Boom", "c"), (r.Status, r.Error, r.Cause));
        Assert.Equal(TimeSpan.Zero, r.StopDate - r.StartDate);
        var types = Types(r);
        Assert.Contains("WaitStateAborted", types);
        Assert.DoesNotContain("WaitStateExited", types);
        Assert.True(types.IndexOf("WaitStateAborted") < types.IndexOf("ParallelStateFailed"), string.Join(",", types));
    }

    [Fact]
    public async Task Parallel_FailBesidePollingLoop_FailsInsteadOfTimingOut()
    {
        var def = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Poll","States":{
                "Poll":{"Type":"Pass","Next":"Sleep"},
                "Sleep":{"Type":"Wait","Seconds":10,"Next":"Done?"},
                "Done?":{"Type":"Choice","Choices":[{"Variable":"$.done","IsPresent":true,"Next":"Ok"}],"Default":"Poll"},
                "Ok":{"Type":"Succeed"}}},
              {"StartAt":"Later","States":{"Later":{"Type":"Wait","Seconds":25,"Next":"F"},"F":{"Type":"Fail","Error":"Boom"}}}]}}}
            """;
        var r = await Run.Async(def);
        Assert.Equal((ExecutionStatus.Failed, "Boom"), (r.Status, r.Error));
        Assert.Equal(TimeSpan.FromSeconds(25), r.StopDate - r.StartDate);
    }

    [Fact]
    public async Task Parallel_FailBesideTaskInFlight_AbortsTheTaskThroughCancellation()
    {
        var def = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%slow","End":true}}},
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":2,"Next":"F"},"F":{"Type":"Fail","Error":"Boom"}}}]}}}
            """;
        var clock = new VirtualTimeProvider(Run.Start);
        // A Task in a branch stops waiting when the branch is aborted (WaitAsync) and does not wait for the handler to
        // see the cancellation, so the handler's catch may run after the execution ends: the test waits for it.
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var r = await Run.Async(def, "{}", f => f.Register("slow", async (JValue e, CancellationToken ct) =>
        {
            try
            {
                await clock.IdleTracker.DelayAsync(clock, TimeSpan.FromSeconds(60), ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }

            return e;
        }), clock, history: true);
        Assert.Equal((ExecutionStatus.Failed, "Boom"), (r.Status, r.Error));
        Assert.Equal(TimeSpan.FromSeconds(2), r.StopDate - r.StartDate);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var types = Types(r);
        Assert.Contains("TaskStateAborted", types);
        Assert.DoesNotContain("LambdaFunctionSucceeded", types);
        Assert.DoesNotContain("LambdaFunctionTimedOut", types);
    }

    [Fact]
    public async Task Parallel_UncaughtTaskErrorInBranch_ClosesTheTaskWithTaskStateAborted()
    {
        var def = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%bad","End":true}}}]}}}
            """;
        var r = await Run.Async(def, "{}", f => f.Register("bad", (JValue _) => throw new LambdaFunctionException("E", "x")), history: true);
        Assert.Equal("E", r.Error);
        var types = Types(r);
        Assert.Equal(["LambdaFunctionFailed", "TaskStateAborted", "ParallelStateFailed", "ExecutionFailed"], types[^4..]);
    }

    [Fact]
    public async Task Parallel_NestedParallelInAbortedBranch_IsAborted()
    {
        var def = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Inner","States":{"Inner":{"Type":"Parallel","End":true,"Branches":[
                {"StartAt":"W1","States":{"W1":{"Type":"Wait","Seconds":50,"End":true}}},
                {"StartAt":"W2","States":{"W2":{"Type":"Wait","Seconds":60,"End":true}}}]}}},
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"F"},"F":{"Type":"Fail","Error":"Boom"}}}]}}}
            """;
        var r = await Run.Async(def, history: true);
        Assert.Equal((ExecutionStatus.Failed, "Boom"), (r.Status, r.Error));
        Assert.True(TimeSpan.FromSeconds(1) == r.StopDate - r.StartDate, string.Join("\n", r.History!.Select(e => $"{e.Id} {e.Type} {e.Timestamp:mm:ss}")));
        var types = Types(r);
        Assert.Equal(2, types.Count(t => t == "WaitStateAborted"));
        Assert.Single(types, "ParallelStateAborted");
        Assert.Single(types, "ParallelStateFailed");
    }

    [Fact]
    public async Task Map_FailingIteration_FailsAtOnceAndAbortsRunningIterations()
    {
        var def = """
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":0,"Next":"F"}],"Default":"W"},
              "W":{"Type":"Wait","SecondsPath":"$","End":true},
              "F":{"Type":"Fail","Error":"Boom"}}}}}}
            """;
        var r = await Run.Async(def, "[100, 200, 0]", history: true);
        Assert.Equal((ExecutionStatus.Failed, "Boom"), (r.Status, r.Error));
        Assert.Equal(TimeSpan.Zero, r.StopDate - r.StartDate);
        var types = Types(r);
        Assert.Equal(2, types.Count(t => t == "MapIterationAborted"));
        Assert.Equal(2, types.Count(t => t == "WaitStateAborted"));
        Assert.Single(types, "MapIterationFailed");
        Assert.Equal(["MapStateFailed", "ExecutionFailed"], types[^2..]);
    }

    [Fact]
    public async Task Map_ToleratedFailure_DoesNotAbortTheOthers()
    {
        var def = """
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ToleratedFailureCount":1,"ItemProcessor":{"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":0,"Next":"F"}],"Default":"W"},
              "W":{"Type":"Wait","SecondsPath":"$","End":true},
              "F":{"Type":"Fail","Error":"Boom"}}}}}}
            """;
        var r = await Run.Async(def, "[30, 0]");
        Assert.Equal(ExecutionStatus.Succeeded, r.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), r.StopDate - r.StartDate);
    }

    [Fact]
    public async Task Parallel_OnRealClock_CancellationReachesTheWait()
    {
        var def = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}},
              {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom"}}}]}}}
            """;
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = TimeProvider.System });
        var run = engine.Load(def, "real").ExecuteAsync(JsonText.Parse("{}"));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30), TimeProvider.System));
        Assert.Same(run, finished);
        Assert.Equal("Boom", (await run).Error);
    }
}
