using Microsoft.Extensions.Time.Testing;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>
/// The engine's virtual clock and <see cref="FakeTimeProvider"/> are interchangeable: the same execution records the
/// same history, event for event and timestamp for timestamp, whether time jumps on its own
/// (<see cref="VirtualTimeProvider"/>) or only when the test advances it, each time the engine reports itself idle
/// (issue 15, "one clock": the engine treats no clock specially).
/// </summary>
public sealed class ClockParityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Wait 10 s, a Task that fails twice (retried after 2 s and 4 s) and succeeds, a Wait on a path,
    // then a Task that always fails (retried after 1, 3, 9 s) and is caught into a last Wait.
    private const string WaitAndRetry = """
        {"StartAt":"Hold","States":{
          "Hold":{"Type":"Wait","Seconds":10,"Next":"Flaky"},
          "Flaky":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky","ResultPath":"$.flaky",
            "Retry":[{"ErrorEquals":["Flaky.Error"],"IntervalSeconds":2,"BackoffRate":2,"MaxAttempts":3}],"Next":"Pause"},
          "Pause":{"Type":"Wait","SecondsPath":"$.pause","Next":"Broken"},
          "Broken":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:broken",
            "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"BackoffRate":3,"MaxAttempts":3}],
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Rest"}],"End":true},
          "Rest":{"Type":"Wait","Seconds":7,"End":true}}}
        """;

    // Branches whose timers are due at 5; 2, 6; 4, 9; and 1, then a flaky Task retried at 3 and 7 s. No two timers are due at
    // the same instant: FakeTimeProvider fires simultaneous timers in an order of its own, the virtual clock in the order they were armed.
    private const string ParallelWaits = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":5,"Next":"A2"},"A2":{"Type":"Pass","End":true}}},
          {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":2,"Next":"B2"},"B2":{"Type":"Wait","Seconds":4,"End":true}}},
          {"StartAt":"C","States":{"C":{"Type":"Wait","Seconds":4,"Next":"C2"},"C2":{"Type":"Wait","Seconds":5,"End":true}}},
          {"StartAt":"D","States":{"D":{"Type":"Wait","Seconds":1,"Next":"D2"},
            "D2":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky",
              "Retry":[{"ErrorEquals":["Flaky.Error"],"IntervalSeconds":2,"MaxAttempts":3}],"End":true}}}]}}}
        """;

    // Iterations wait their item's seconds, three at a time: timers due at 1, 3, 4, 5, 8, 9 and 10 s (no ties, as above).
    private const string MapWaits = """
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":3,"End":true,"ItemProcessor":{"StartAt":"W","States":{
          "W":{"Type":"Wait","SecondsPath":"$","Next":"P"},"P":{"Type":"Pass","End":true}}}}}}
        """;

    // A call that takes 60 s of clock time under a 7 s TimeoutSeconds, caught; then a 3 s call under the same timeout.
    private const string TaskTimeout = """
        {"StartAt":"Slow","States":{
          "Slow":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:sleep60","TimeoutSeconds":7,
            "Catch":[{"ErrorEquals":["States.Timeout"],"ResultPath":"$.error","Next":"Quick"}],"End":true},
          "Quick":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:sleep3","TimeoutSeconds":7,"ResultPath":"$.quick","End":true}}}
        """;

    public static TheoryData<string, string, string, int> Cases => new()
    {
        { "wait and retry", WaitAndRetry, """{"pause":5}""", 10 + 2 + 4 + 5 + 1 + 3 + 9 + 7 },
        { "parallel", ParallelWaits, "{}", 9 },
        { "map", MapWaits, """{"items":[4,1,3,7,2,6,4]}""", 10 },
        { "task timeout", TaskTimeout, "{}", 7 + 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Execution_FakeTimeProviderDrivenByTheTestAndVirtualClock_RecordIdenticalHistories(string name, string definition, string input, int seconds)
    {
        var virtualClock = new VirtualTimeProvider(T0);
        var onVirtual = await RunAsync(definition, input, virtualClock, virtualClock.IdleTracker, null);
        var fake = new DueTrackingClock(T0);
        var onFake = await RunAsync(definition, input, fake, new IdleTracker(), fake);

        Assert.True(onVirtual.Status == ExecutionStatus.Succeeded, $"{name}: {onVirtual.Error} {onVirtual.Cause}");
        Assert.Equal(ExecutionStatus.Succeeded, onFake.Status);
        Assert.Equal(Describe(onVirtual), Describe(onFake));
        Assert.Equal(onVirtual.Output!.ToString(), onFake.Output!.ToString());

        // The waits really took clock time.
        Assert.Equal(TimeSpan.FromSeconds(seconds), onFake.StopDate - onFake.StartDate);
        Assert.Equal(onVirtual.StopDate, onFake.StopDate);
    }

    [Fact]
    public async Task TaskTimeout_CallThatOutlivesItsTimeout_TimesOutAtTheTimeoutAndAShorterCallSucceeds()
    {
        var virtualClock = new VirtualTimeProvider(T0);
        var r = await RunAsync(TaskTimeout, "{}", virtualClock, virtualClock.IdleTracker, null);
        Assert.Equal(T0 + TimeSpan.FromSeconds(7), r.History!.Single(e => e.Type == "LambdaFunctionTimedOut").Timestamp);
        Assert.Equal(T0 + TimeSpan.FromSeconds(10), r.History!.Single(e => e.Type == "LambdaFunctionSucceeded").Timestamp);
        Assert.Equal("""{"error":{"Error":"States.Timeout"},"quick":{"slept":3}}""", r.Output!.ToString());
    }

    private static List<string> Describe(ExecutionResult r) =>
        [.. r.History!.Select(e => $"{e.Id}<{e.PreviousEventId} {e.Type} {e.Timestamp:O} {e.Details}")];

    /// <summary>Runs the definition; with a fake clock, advances it to the next timer each time the engine is idle.</summary>
    private static async Task<ExecutionResult> RunAsync(string definition, string input, TimeProvider clock, IdleTracker tracker, DueTrackingClock? fake)
    {
        var flakyCalls = 0;
        var engine = new QuickstepEngine(new EngineOptions
        {
            TimeProvider = clock,
            IdleTracker = tracker,
            ResourceHandlers = [new Handler(() => Interlocked.Increment(ref flakyCalls), clock, tracker)],
        });
        var machine = engine.Load(definition, "parity");
        var run = machine.ExecuteAsync(JsonText.Parse(input), new ExecutionOptions { Name = "parity", RecordHistory = true });
        for (var steps = 0; fake is not null && steps < 1000; steps++)
        {
            await tracker.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (run.IsCompleted || !fake.AdvanceToNextTimer())
                break;
        }

        return await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// flaky fails on its first two calls; broken always fails (both answer at once); sleepN takes N seconds of the
    /// clock's time, sleeping through the tracker so the engine may be idle meanwhile.
    /// </summary>
    private sealed class Handler(Func<int> flakyCall, TimeProvider clock, IdleTracker tracker) : IResourceHandler
    {
        public bool CanHandle(string resource) => resource.StartsWith("arn:aws:lambda:", StringComparison.Ordinal);

        public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
        {
            var function = request.Resource[(request.Resource.LastIndexOf(':') + 1)..];
            if (function.StartsWith("sleep", StringComparison.Ordinal))
                return SleepAsync(int.Parse(function[5..], System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            return new(function == "flaky"
                ? (flakyCall() <= 2 ? TaskResult.Failure("Flaky.Error", "not yet") : TaskResult.Success(JsonText.Parse("""{"ok":true}""")))
                : TaskResult.Failure("Broken.Error", "always"));
        }

        private async ValueTask<TaskResult> SleepAsync(int seconds, CancellationToken cancellationToken)
        {
            await tracker.DelayAsync(clock, TimeSpan.FromSeconds(seconds), cancellationToken);
            return TaskResult.Success(JsonText.Parse($$"""{"slept":{{seconds}}}"""));
        }
    }

    /// <summary>A <see cref="FakeTimeProvider"/> that knows when each live timer created on it is due, so a test can advance exactly to the next one.</summary>
    private sealed class DueTrackingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly Dictionary<TrackedTimer, DateTimeOffset> _dues = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var tracked = new TrackedTimer(this, callback, state);
            tracked.Inner = base.CreateTimer(static s => ((TrackedTimer)s!).Fire(), tracked, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            tracked.Change(dueTime, period);
            return tracked;
        }

        /// <summary>Moves the clock to the earliest live timer; false when none is armed.</summary>
        public bool AdvanceToNextTimer()
        {
            DateTimeOffset next;
            lock (_dues)
            {
                if (_dues.Count == 0)
                    return false;
                next = _dues.Values.Min();
            }

            var now = GetUtcNow();
            if (next > now)
                Advance(next - now);
            return true;
        }

        private void Set(TrackedTimer timer, DateTimeOffset? due)
        {
            lock (_dues)
            {
                if (due is { } d)
                    _dues[timer] = d;
                else
                    _dues.Remove(timer);
            }
        }

        private sealed class TrackedTimer(DueTrackingClock owner, TimerCallback callback, object? state) : ITimer
        {
            public ITimer Inner { get; set; } = null!;

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                owner.Set(this, dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime));
                return Inner.Change(dueTime, period);
            }

            public void Fire()
            {
                owner.Set(this, null);
                callback(state);
            }

            public void Dispose()
            {
                owner.Set(this, null);
                Inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
