using System.Collections.Concurrent;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>
/// A Task call under a <see cref="VirtualTimeProvider"/> holds a unit of work while it runs, however it answers: at once
/// (the unit the machine's scope keeps between calls), after going asynchronous on another thread, or after sleeping on
/// the clock through <see cref="IdleTracker.DelayAsync"/>. Time never moves during real work, and every execution leaves
/// the tracker idle (no unit leaked, none put down twice).
/// </summary>
public sealed class IdleTrackerCallUnitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string Fn = "arn:aws:lambda:us-east-1:123456789012:function:";

    [Fact]
    public async Task SynchronousCalls_HoldTheirUnit_AndTheClockMovesOnlyForTheWaits()
    {
        // Calls that answer at once around a Wait, a one-branch Parallel and a one-at-a-time Map (which borrow the scope's unit).
        var states = Chain(["sync", "sync", "sync"], "W").TrimStart(',')
            + ""","W":{"Type":"Wait","Seconds":10,"Next":"A0"}""" + Chain(["sync", "sync"], "P", "A")
            + ""","P":{"Type":"Parallel","ResultPath":null,"Next":"M","Branches":[{"StartAt":"PW","States":{"PW":{"Type":"Wait","Seconds":5,"Next":"PT"},"PT":{"Type":"Task","Resource":"FN:sync","ResultPath":null,"End":true}}}]}"""
            + ""","M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"ResultPath":null,"Next":"B0","ItemProcessor":{"StartAt":"MW","States":{"MW":{"Type":"Wait","Seconds":1,"Next":"MT"},"MT":{"Type":"Task","Resource":"FN:sync","ResultPath":null,"End":true}}}}"""
            + Chain(["sync", "flaky", "sync"], null, "B");
        var (clock, handler, r) = await RunAsync(Definition("S0", states), """{"items":[1,2]}""");

        Assert.True(r.Status == ExecutionStatus.Succeeded, $"{r.StatusText}: {r.Error}: {r.Cause}");
        // 10 s Wait, 5 s branch Wait, two 1 s iteration Waits, two 2 s retry intervals.
        Assert.Equal(TimeSpan.FromSeconds(10 + 5 + 2 + 4), r.StopDate - r.StartDate);
        var calls = handler.Calls.ToArray();
        Assert.Equal(3 + 2 + 1 + 2 + 5, calls.Length);
        // Each call runs on a unit of its own beside its scope's (or the scope it borrows): two units, one execution.
        Assert.All(calls, c => Assert.Equal(2, c.Busy));
        Assert.Equal([T0, T0, T0, T0.AddSeconds(10), T0.AddSeconds(10), T0.AddSeconds(15), T0.AddSeconds(16), T0.AddSeconds(17),
            T0.AddSeconds(17), T0.AddSeconds(17), T0.AddSeconds(19), T0.AddSeconds(21), T0.AddSeconds(21)], calls.Select(c => c.Time));
        await AssertIdle(clock);
    }

    [Fact]
    public async Task CallsGoingAsynchronousOnAnotherThread_KeepTheClockStill_WhileABranchWaits()
    {
        // Branch A: calls that continue on a pool thread at once; branch B: a Wait that may elapse only once A holds no unit.
        const string definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A0","States":{"A0":{"Type":"Task","Resource":"FN:hop","ResultPath":null,"Next":"A1"},"A1":{"Type":"Task","Resource":"FN:sync","ResultPath":null,"Next":"A2"},"A2":{"Type":"Task","Resource":"FN:hop","ResultPath":null,"End":true}}},
              {"StartAt":"BW","States":{"BW":{"Type":"Wait","Seconds":10,"Next":"BT"},"BT":{"Type":"Task","Resource":"FN:sync","ResultPath":null,"End":true}}}]}}}
            """;
        for (var run = 0; run < 50; run++)
        {
            var (clock, handler, r) = await RunAsync(definition);
            Assert.True(r.Status == ExecutionStatus.Succeeded, $"run {run}: {r.StatusText}: {r.Error}: {r.Cause}");
            Assert.Equal(TimeSpan.FromSeconds(10), r.StopDate - r.StartDate);
            var calls = handler.Calls.ToArray();
            // A0, its end on the pool thread, A1, A2 and its end before the Wait elapses; then BT.
            Assert.Equal(6, calls.Length);
            Assert.Equal(5, calls.Count(c => c.Time == T0));
            Assert.Equal(("sync", T0.AddSeconds(10)), (calls[^1].Name, calls[^1].Time));
            await AssertIdle(clock);
        }
    }

    [Fact]
    public async Task MachineScopeCallGoingAsynchronous_ThenSleepingOnTheClock_MovesTheClockByItsSleepOnly()
    {
        // In the machine's scope: answered at once (the spare is kept), went asynchronous (the spare became the call's),
        // slept at once on the clock, hopped threads and then slept (the sleep puts the call's unit down).
        var states = Chain(["sync", "hop", "sync", "sleep", "sync", "hopsleep", "sync"], null);
        for (var run = 0; run < 30; run++)
        {
            var (clock, handler, r) = await RunAsync(Definition("S0", states.TrimStart(',')));
            Assert.True(r.Status == ExecutionStatus.Succeeded, $"run {run}: {r.StatusText}: {r.Error}: {r.Cause}");
            Assert.Equal(TimeSpan.FromSeconds(60), r.StopDate - r.StartDate);
            var calls = handler.Calls.ToArray();
            Assert.Equal(
                [("sync", T0), ("hop", T0), ("hop-after", T0), ("sync", T0), ("sleep", T0), ("sleep-after", T0.AddSeconds(30)), ("sync", T0.AddSeconds(30)),
                 ("hopsleep", T0.AddSeconds(30)), ("hopsleep-after", T0.AddSeconds(60)), ("sync", T0.AddSeconds(60))],
                calls.Select(c => (c.Name, c.Time)));
            await AssertIdle(clock);
        }
    }

    [Fact]
    public async Task TimedCall_ThatHopsThreadsAndSleepsPastItsTimeout_TimesOutOnTheTimeoutEveryTime()
    {
        // The timeout's timer is armed after the call went pending: the state's unit must still hold the clock until then.
        var definition = Definition("S0", """
            "S0":{"Type":"Task","Resource":"FN:sync","ResultPath":null,"Next":"T"},
            "T":{"Type":"Task","Resource":"FN:hopsleep","TimeoutSeconds":10,"End":true}
            """);
        for (var run = 0; run < 50; run++)
        {
            var (clock, _, r) = await RunAsync(definition);
            Assert.Equal((ExecutionStatus.Failed, "States.Timeout"), (r.Status, r.Error));
            Assert.Equal(TimeSpan.FromSeconds(10), r.StopDate - r.StartDate);
            await AssertIdle(clock);
        }
    }

    [Fact]
    public async Task CallInFlight_IsRealWork_TheClockDoesNotMoveUntilItEnds()
    {
        const string definition = """
            {"StartAt":"S","States":{"S":{"Type":"Task","Resource":"FN:sync","ResultPath":null,"Next":"P"},"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"G","States":{"G":{"Type":"Task","Resource":"FN:gate","ResultPath":null,"End":true}}},
              {"StartAt":"BW","States":{"BW":{"Type":"Wait","Seconds":5,"End":true}}}]}}}
            """;
        var clock = new VirtualTimeProvider(T0);
        var handler = new Handler(clock);
        var run = Start(clock, handler, definition, "{}");
        await handler.GateEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 5; i++)
        {
            // Real time passes while the call is in flight; virtual time must not.
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
            Assert.Equal(T0, clock.GetUtcNow());
            Assert.False(clock.IdleTracker.IsIdle);
        }

        handler.GateRelease.SetResult();
        var r = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(r.Status == ExecutionStatus.Succeeded, $"{r.StatusText}: {r.Error}: {r.Cause}");
        Assert.Equal(TimeSpan.FromSeconds(5), r.StopDate - r.StartDate);
        Assert.Contains(handler.Calls, c => c.Name == "gate-after" && c.Time == T0);
        await AssertIdle(clock);
    }

    [Fact]
    public async Task HandlerThrowingAtOnce_AfterCallsThatAnswered_LeavesTheTrackerIdle()
    {
        // In the machine's scope (which holds a spare by then) and in a branch's (which takes a unit per call).
        var inScope = Definition("S0", Chain(["sync", "sync", "throw"], null).TrimStart(','));
        const string inBranch = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"FN:sync","ResultPath":null,"Next":"B"},"B":{"Type":"Task","Resource":"FN:throw","End":true}}}]}}}
            """;
        foreach (var definition in new[] { inScope, inBranch })
        {
            var (clock, _, r) = await RunAsync(definition);
            Assert.Equal(ExecutionStatus.Failed, r.Status);
            Assert.Contains("thrown at once", r.Cause, StringComparison.Ordinal);
            await AssertIdle(clock);
        }
    }

    [Fact]
    public async Task HandlerThrowingAtOnce_BesideOtherBranchesAndIterations_LeavesTheTrackerIdle()
    {
        // The throwing branch or iteration fails the execution (an internal error); its siblings, pending on a Wait or a
        // call on another thread, still put their units down when they end, so the clock moves on for everyone else.
        const string parallel = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"WT"},"WT":{"Type":"Task","Resource":"FN:sync","End":true}}},
              {"StartAt":"H","States":{"H":{"Type":"Task","Resource":"FN:hop","End":true}}},
              {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"FN:throw","End":true}}},
              {"StartAt":"V","States":{"V":{"Type":"Wait","Seconds":20,"End":true}}}]}}}
            """;
        const string map = """
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemsPath":"$.items","ItemSelector":{"f.$":"$$.Map.Item.Value"},
              "ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.f","StringEquals":"throw","Next":"T"}],"Default":"W"},
                "T":{"Type":"Task","Resource":"FN:throw","End":true},
                "W":{"Type":"Wait","Seconds":10,"Next":"H"},"H":{"Type":"Task","Resource":"FN:hop","End":true}}}}}}
            """;
        foreach (var (definition, input) in new[] { (parallel, "{}"), (map, """{"items":["a","throw","b"]}""") })
        {
            var (clock, _, r) = await RunAsync(definition, input);
            Assert.Equal(ExecutionStatus.Failed, r.Status);
            Assert.Contains("thrown at once", r.Cause, StringComparison.Ordinal);
            await AssertIdle(clock);
        }
    }

    /// <summary>The tracker turns idle (a timed-out call's handler may still be ending) with no unit left over.</summary>
    private static async Task AssertIdle(VirtualTimeProvider clock)
    {
        await clock.IdleTracker.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, clock.IdleTracker.Busy);
        Assert.True(clock.IdleTracker.IsIdle);
    }

    /// <summary>States prefix0, prefix1, … calling the given functions in turn, the last one going to <paramref name="next"/> (or ending).</summary>
    private static string Chain(string[] functions, string? next, string prefix = "S")
    {
        var b = new System.Text.StringBuilder();
        for (var i = 0; i < functions.Length; i++)
        {
            var then = i + 1 < functions.Length ? $"\"Next\":\"{prefix}{i + 1}\"" : next is null ? "\"End\":true" : $"\"Next\":\"{next}\"";
            var retry = functions[i] == "flaky" ? ",\"Retry\":[{\"ErrorEquals\":[\"Flaky\"],\"IntervalSeconds\":2,\"BackoffRate\":1,\"MaxAttempts\":3}]" : string.Empty;
            b.Append($",\"{prefix}{i}\":{{\"Type\":\"Task\",\"Resource\":\"FN:{functions[i]}\",\"ResultPath\":null{retry},{then}}}");
        }

        return b.ToString();
    }

    private static string Definition(string startAt, string states) => "{\"StartAt\":\"" + startAt + "\",\"States\":{" + states + "}}";

    private static async Task<(VirtualTimeProvider Clock, Handler Handler, ExecutionResult Result)> RunAsync(string definition, string input = "{}")
    {
        var clock = new VirtualTimeProvider(T0);
        var handler = new Handler(clock);
        var r = await Start(clock, handler, definition, input).WaitAsync(TimeSpan.FromSeconds(30));
        return (clock, handler, r);
    }

    private static Task<ExecutionResult> Start(VirtualTimeProvider clock, Handler handler, string definition, string input)
    {
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = clock, IdleTracker = clock.IdleTracker, ResourceHandlers = [handler] });
        var machine = engine.Load(definition.Replace("FN:", Fn, StringComparison.Ordinal), "units");
        return machine.ExecuteAsync(JsonText.Parse(input), new ExecutionOptions { Name = "units" });
    }

    /// <summary>
    /// Functions by name: sync answers at once; flaky fails twice then answers; throw throws at once; hop continues on a
    /// pool thread at once; sleep sleeps 30 s on the clock at once; hopsleep hops threads, then sleeps 30 s; gate waits for
    /// the test. Each records the clock and the units held when called (and the clock when it ends, as name-after).
    /// </summary>
    private sealed class Handler(VirtualTimeProvider clock) : IResourceHandler
    {
        private int _flaky;

        public ConcurrentQueue<(string Name, DateTimeOffset Time, int Busy)> Calls { get; } = new();

        public TaskCompletionSource GateEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource GateRelease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool CanHandle(string resource) => resource.StartsWith(Fn, StringComparison.Ordinal);

        public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
        {
            var name = request.Resource[Fn.Length..];
            Record(name);
            return name switch
            {
                "sync" => new(Done()),
                "flaky" => new(Interlocked.Increment(ref _flaky) <= 2 ? TaskResult.Failure("Flaky", "not yet") : Done()),
                "throw" => throw new InvalidOperationException("thrown at once"),
                "hop" => HopAsync(name),
                "sleep" => SleepAsync(name, hop: false, cancellationToken),
                "hopsleep" => SleepAsync(name, hop: true, cancellationToken),
                "gate" => GateAsync(name),
                _ => throw new ArgumentException(name),
            };
        }

        private void Record(string name) => Calls.Enqueue((name, clock.GetUtcNow(), clock.IdleTracker.Busy));

        private static TaskResult Done() => TaskResult.Success(JValue.FromString("done"));

        private async ValueTask<TaskResult> HopAsync(string name)
        {
            await Task.Yield();
            Record(name + "-after");
            return Done();
        }

        private async ValueTask<TaskResult> SleepAsync(string name, bool hop, CancellationToken cancellationToken)
        {
            if (hop)
                await Task.Yield();
            await clock.IdleTracker.DelayAsync(clock, TimeSpan.FromSeconds(30), cancellationToken);
            Record(name + "-after");
            return Done();
        }

        private async ValueTask<TaskResult> GateAsync(string name)
        {
            GateEntered.SetResult();
            await GateRelease.Task;
            Record(name + "-after");
            return Done();
        }
    }
}
