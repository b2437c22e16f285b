using Quickstep.Engine.History;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>
/// The history events of each kind, with ids, previous ids and details as AWS records them. The
/// recorded AWS histories in tests/data/conformance check most of these too (Conformance.Tests);
/// these cover the kinds no recording has (timeouts, aborts, Parallel/Map success closings) and the
/// deferred building of details.
/// </summary>
public sealed class HistoryEventTests
{
    private static string[] Chain(ExecutionResult r) => [.. r.History!.Select(e => $"{e.Id}<{e.PreviousEventId} {e.Type}")];

    private static HistoryEvent Event(ExecutionResult r, string type) => r.History!.First(e => e.Type == type);

    private static string Details(ExecutionResult r, string type) => Event(r, type).Details!.ToString();

    [Fact]
    public async Task PassChain_EnteredAndExitedCarryNameAndPayloadText()
    {
        var r = await Run.Async("""{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"b":2},"ResultPath":"$.r","Next":"B"},"B":{"Type":"Succeed"}}}""", """{"a":1}""", history: true);
        Assert.Equal(["1<0 ExecutionStarted", "2<0 PassStateEntered", "3<2 PassStateExited", "4<3 SucceedStateEntered", "5<4 SucceedStateExited", "6<5 ExecutionSucceeded"], Chain(r));
        Assert.Equal("""{"input":"{\"a\":1}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/quickstep-test"}""", Details(r, "ExecutionStarted"));
        Assert.Equal("""{"name":"A","input":"{\"a\":1}","inputDetails":{"truncated":false}}""", Details(r, "PassStateEntered"));
        Assert.Equal("""{"name":"A","output":"{\"a\":1,\"r\":{\"b\":2}}","outputDetails":{"truncated":false}}""", Details(r, "PassStateExited"));
        Assert.Equal("""{"output":"{\"a\":1,\"r\":{\"b\":2}}","outputDetails":{"truncated":false}}""", Details(r, "ExecutionSucceeded"));
        Assert.Equal("stateEnteredEventDetails", Event(r, "PassStateEntered").DetailsName);
    }

    [Fact]
    public async Task AssignedVariables_AreThoseOfTheMomentTheStateExited()
    {
        var r = await Run.Async("""{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},"B":{"Type":"Pass","Assign":{"x":{"v":2}},"End":true}}}""", history: true);
        var exited = r.History!.Where(e => e.Type == "PassStateExited").Select(e => e.Details!.ToString()).ToArray();
        Assert.Equal("""{"name":"A","output":"{}","outputDetails":{"truncated":false},"assignedVariables":{"x":"1"},"assignedVariablesDetails":{"truncated":false}}""", exited[0]);
        Assert.Equal("""{"name":"B","output":"{}","outputDetails":{"truncated":false},"assignedVariables":{"x":"{\"v\":2}"},"assignedVariablesDetails":{"truncated":false}}""", exited[1]);
    }

    [Fact]
    public async Task LambdaFunction_ScheduledStartedSucceeded()
    {
        var r = await Run.Async("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%echo","TimeoutSeconds":30,"End":true}}}""", """{"a":1}""", f => f.Register("echo", e => e), history: true);
        Assert.Equal(["1<0 ExecutionStarted", "2<0 TaskStateEntered", "3<2 LambdaFunctionScheduled", "4<3 LambdaFunctionStarted", "5<4 LambdaFunctionSucceeded", "6<5 TaskStateExited", "7<6 ExecutionSucceeded"], Chain(r));
        Assert.Equal($$"""{"resource":"{{Run.Fn}}echo","input":"{\"a\":1}","inputDetails":{"truncated":false},"timeoutInSeconds":30}""", Details(r, "LambdaFunctionScheduled"));
        Assert.Null(Event(r, "LambdaFunctionStarted").Details);
        Assert.Equal("""{"output":"{\"a\":1}","outputDetails":{"truncated":false}}""", Details(r, "LambdaFunctionSucceeded"));
    }

    [Fact]
    public async Task LambdaFunction_FailedAndTimedOut()
    {
        var failed = await Run.Async("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%boom","End":true}}}""", functions: f => f.Register("boom", (JValue _) => throw new LambdaFunctionException("Custom", "bad")), history: true);
        // Lambda's error envelope is the cause, as AWS reports it: {"errorMessage", "errorType", …}.
        var lambdaFailed = Event(failed, "LambdaFunctionFailed").Details!;
        Assert.Equal(["error", "cause"], lambdaFailed.Select(p => p.Key));
        Assert.Equal("Custom", ((JString)lambdaFailed["error"]!).Value);
        Assert.Contains("\"errorMessage\": \"bad\"", ((JString)lambdaFailed["cause"]!).Value, StringComparison.Ordinal);
        Assert.Equal(lambdaFailed.ToString(), Details(failed, "ExecutionFailed"));

        // A function that takes 5 s of the clock's time (it sleeps on the clock, so the clock may move meanwhile).
        var clock = new VirtualTimeProvider(Run.Start);
        var slow = await Run.Async("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%slow","TimeoutSeconds":1,"End":true}}}""", functions: f => f.Register("slow", async (JValue e, CancellationToken ct) =>
        {
            await clock.IdleTracker.DelayAsync(clock, TimeSpan.FromSeconds(5), ct);
            return e;
        }), clock: clock, history: true);
        Assert.Equal(["1<0 ExecutionStarted", "2<0 TaskStateEntered", "3<2 LambdaFunctionScheduled", "4<3 LambdaFunctionStarted", "5<4 LambdaFunctionTimedOut", "6<5 ExecutionFailed"], Chain(slow));
        Assert.Equal("States.Timeout", ((JString)Event(slow, "LambdaFunctionTimedOut").Details!["error"]!).Value);
    }

    [Fact]
    public async Task Integration_TaskScheduledStartedSucceeded()
    {
        var r = await Run.Async("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"%FN%echo","Payload":{"a":1}},"TimeoutSeconds":20,"HeartbeatSeconds":10,"ResultSelector":{"p.$":"$.Payload"},"End":true}}}""", functions: f => f.Register("echo", e => e), history: true);
        Assert.Equal(["1<0 ExecutionStarted", "2<0 TaskStateEntered", "3<2 TaskScheduled", "4<3 TaskStarted", "5<4 TaskSucceeded", "6<5 TaskStateExited", "7<6 ExecutionSucceeded"], Chain(r));
        Assert.Equal($$$"""{"resourceType":"lambda","resource":"invoke","region":"us-east-1","parameters":"{\"FunctionName\":\"{{{Run.Fn}}}echo\",\"Payload\":{\"a\":1}}","timeoutInSeconds":20,"heartbeatInSeconds":10}""", Details(r, "TaskScheduled"));
        Assert.Equal("""{"resourceType":"lambda","resource":"invoke"}""", Details(r, "TaskStarted"));
        var succeeded = Event(r, "TaskSucceeded").Details!;
        Assert.Equal(["resourceType", "resource", "output", "outputDetails"], succeeded.Select(p => p.Key));
        Assert.Contains("\"Payload\":{\"a\":1}", ((JString)succeeded["output"]!).Value, StringComparison.Ordinal);
    }

    // As recorded by AWS: the closing ParallelStateSucceeded/MapStateSucceeded event is off the chain;
    // the StateExited after it points at the event before it.
    [Fact]
    public async Task Parallel_StartedSucceededThenExitedPastTheClosingEvent()
    {
        var r = await Run.Async("""{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}],"End":true}}}""", history: true);
        Assert.Equal(["1<0 ExecutionStarted", "2<0 ParallelStateEntered", "3<2 ParallelStateStarted", "4<3 PassStateEntered", "5<4 PassStateExited", "6<5 ParallelStateSucceeded", "7<5 ParallelStateExited", "8<7 ExecutionSucceeded"], Chain(r));
        Assert.Equal("""{"name":"P","output":"[{}]","outputDetails":{"truncated":false}}""", Details(r, "ParallelStateExited"));
    }

    [Fact]
    public async Task Parallel_FailedBranch_ParallelStateFailed()
    {
        var r = await Run.Async("""{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}],"End":true}}}""", history: true);
        Assert.Equal(["1<0 ExecutionStarted", "2<0 ParallelStateEntered", "3<2 ParallelStateStarted", "4<3 FailStateEntered", "5<4 ParallelStateFailed", "6<5 ExecutionFailed"], Chain(r));
    }

    [Fact]
    public async Task Map_IterationsWithIndexAndLength()
    {
        var r = await Run.Async("""{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},"End":true}}}""", "[1,2]", history: true);
        Assert.Equal(
            ["1<0 ExecutionStarted", "2<0 MapStateEntered", "3<2 MapStateStarted", "4<3 MapIterationStarted", "5<4 PassStateEntered", "6<5 PassStateExited", "7<6 MapIterationSucceeded",
             "8<6 MapIterationStarted", "9<8 PassStateEntered", "10<9 PassStateExited", "11<10 MapIterationSucceeded", "12<11 MapStateSucceeded", "13<11 MapStateExited", "14<13 ExecutionSucceeded"],
            Chain(r));
        Assert.Equal("""{"length":2}""", Details(r, "MapStateStarted"));
        Assert.Equal(["""{"name":"M","index":0}""", """{"name":"M","index":0}""", """{"name":"M","index":1}""", """{"name":"M","index":1}"""],
            r.History!.Where(e => e.Type.StartsWith("MapIteration", StringComparison.Ordinal)).Select(e => e.Details!.ToString()));
    }

    [Fact]
    public async Task Map_FailedIteration_MapIterationFailedAndMapStateFailed()
    {
        var r = await Run.Async("""{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}},"End":true}}}""", "[1]", history: true);
        Assert.Equal(["1<0 ExecutionStarted", "2<0 MapStateEntered", "3<2 MapStateStarted", "4<3 MapIterationStarted", "5<4 FailStateEntered", "6<5 MapIterationFailed", "7<5 MapStateFailed", "8<7 ExecutionFailed"], Chain(r));
    }

    [Fact]
    public async Task MachineTimeout_ExecutionTimedOutWithoutErrorOrCause()
    {
        var r = await Run.Async("""{"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""", history: true);
        Assert.Equal(ExecutionStatus.TimedOut, r.Status);
        Assert.Equal(["1<0 ExecutionStarted", "2<0 WaitStateEntered", "3<2 ExecutionTimedOut"], Chain(r));
        Assert.Equal("""{"error":"States.Timeout"}""", Details(r, "ExecutionTimedOut"));
    }

    [Fact]
    public async Task StoppedWhileWaiting_WaitStateAbortedThenExecutionAborted()
    {
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = TimeProvider.System });
        var machine = engine.Load("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""", "stop");
        using var cts = new CancellationTokenSource();
        var running = machine.ExecuteAsync(JObject.Empty, new ExecutionOptions { RecordHistory = true }, cts.Token);
        await cts.CancelAsync();
        var r = await running;
        Assert.Equal(ExecutionStatus.Aborted, r.Status);
        Assert.Equal(["1<0 ExecutionStarted", "2<0 WaitStateEntered", "3<2 WaitStateAborted", "4<3 ExecutionAborted"], Chain(r));
    }

    [Fact]
    public async Task JsonataFailure_EvaluationFailedWithLocation()
    {
        var r = await Run.Async("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $x.y %}","End":true}}}""", history: true);
        Assert.Equal(["1<0 ExecutionStarted", "2<0 PassStateEntered", "3<0 EvaluationFailed", "4<3 ExecutionFailed"], Chain(r));
        var d = Event(r, "EvaluationFailed").Details!;
        Assert.Equal("States.QueryEvaluationError", ((JString)d["error"]!).Value);
        Assert.Equal("Output", ((JString)d["location"]!).Value);
        Assert.Equal("P", ((JString)d["state"]!).Value);
    }

    [Fact]
    public async Task Sink_GetsTheSameEventsAsTheRecordedHistory()
    {
        var sink = new ListSink();
        var clock = new VirtualTimeProvider(Run.Start);
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = clock, IdleTracker = clock.IdleTracker });
        var machine = engine.Load("""{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"ItemProcessor":{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},"End":true}}}""", "sink");
        var r = await machine.ExecuteAsync(JsonText.Parse("[1,2,3]"), new ExecutionOptions { RecordHistory = true, HistorySink = sink });
        Assert.Equal(r.History!.Select(e => e.ToJson().ToString()), sink.Events.OrderBy(e => e.Id).Select(e => e.ToJson().ToString()));
    }

    [Fact]
    public async Task HistoryOff_NoEventsButCausesStillCiteEventIds()
    {
        var r = await Run.Async("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","InputPath":"$.missing","End":true}}}""");
        Assert.Null(r.History);
        Assert.Contains("(entered at the event id #4)", r.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpressLog_LevelsKeepWhatAwsLogs()
    {
        Assert.True(ExpressLog.Keeps(ExecutionLogLevel.All, "PassStateEntered"));
        Assert.False(ExpressLog.Keeps(ExecutionLogLevel.Error, "PassStateEntered"));
        Assert.True(ExpressLog.Keeps(ExecutionLogLevel.Error, "TaskFailed"));
        Assert.True(ExpressLog.Keeps(ExecutionLogLevel.Error, "ExecutionFailed"));
        Assert.False(ExpressLog.Keeps(ExecutionLogLevel.Fatal, "TaskFailed"));
        Assert.True(ExpressLog.Keeps(ExecutionLogLevel.Fatal, "ExecutionTimedOut"));
        Assert.False(ExpressLog.Keeps(ExecutionLogLevel.Off, "ExecutionFailed"));
    }

    private sealed class ListSink : IHistorySink
    {
        private readonly Lock _gate = new();

        public List<HistoryEvent> Events { get; } = [];

        public void Add(HistoryEvent historyEvent)
        {
            lock (_gate)
                Events.Add(historyEvent);
        }
    }
}
