using Microsoft.Extensions.Time.Testing;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>
/// The engine on <see cref="FakeTimeProvider"/>: time passes only when the test advances it, so Waits,
/// retry backoff, Task timeouts and the execution's TimeoutSeconds must all go through the clock's timers.
/// </summary>
public sealed class FakeClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static StateMachine Load(WatchedClock clock, string definition, Action<LambdaFunctionRegistry>? functions = null)
    {
        var registry = new LambdaFunctionRegistry();
        functions?.Invoke(registry);
        var engine = new QuickstepEngine(new EngineOptions
        {
            TimeProvider = clock,
            ResourceHandlers = [new LambdaResourceHandler(registry, new LambdaResourceHandlerOptions { TimeProvider = clock })],
        });
        return engine.Load(definition.Replace("%FN%", Run.Fn, StringComparison.Ordinal), "fake");
    }

    /// <summary>Each time the run creates a timer (it waits on the clock), advances the clock by the given steps.</summary>
    private static async Task<ExecutionResult> AdvanceOnEachTimerAsync(WatchedClock clock, Task<ExecutionResult> run, params TimeSpan[] steps)
    {
        foreach (var step in steps)
        {
            await clock.TimerCreatedAsync();
            Assert.False(run.IsCompleted);
            clock.Advance(step);
        }

        return await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Wait_BlocksUntilTheClockIsAdvanced()
    {
        var clock = new WatchedClock(T0);
        var machine = Load(clock, """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}""");
        var run = machine.ExecuteAsync(JsonText.Parse("{}"));
        await clock.TimerCreatedAsync();
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(run.IsCompleted); // no shortcut: 30 seconds have not passed on the clock
        clock.Advance(TimeSpan.FromSeconds(1));
        var r = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Succeeded, r.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), r.StopDate - r.StartDate);
    }

    [Fact]
    public async Task Retry_BackoffTakesClockTime()
    {
        var clock = new WatchedClock(T0);
        var calls = 0;
        var machine = Load(clock, """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%f","Retry":[{"ErrorEquals":["E"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":2}],"End":true}}}
            """, f => f.Register("f", (JValue e) => ++calls < 4 ? throw new LambdaFunctionException("E", "again") : e));
        var r = await AdvanceOnEachTimerAsync(clock, machine.ExecuteAsync(JsonText.Parse("{}")), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        Assert.Equal(ExecutionStatus.Succeeded, r.Status);
        Assert.Equal(4, calls);
        Assert.Equal(TimeSpan.FromSeconds(14), r.StopDate - r.StartDate); // 2 + 4 + 8 seconds of backoff
    }

    [Fact]
    public async Task TaskTimeout_FiresWhenTheClockPassesIt()
    {
        var clock = new WatchedClock(T0);
        var machine = Load(clock, """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%hang","TimeoutSeconds":5,"End":true}}}
            """, f => f.Register("hang", async (JValue e, CancellationToken ct) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return e;
            }));
        var run = machine.ExecuteAsync(JsonText.Parse("{}"));
        await clock.TimerCreatedAsync();
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(run.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var r = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Failed, r.Status);
        Assert.Equal("States.Timeout", r.Error);
        Assert.Equal(TimeSpan.FromSeconds(5), r.StopDate - r.StartDate);
    }

    [Fact]
    public async Task ExecutionTimeout_EndsTimedOutDuringAHandlerCall()
    {
        var clock = new WatchedClock(T0);
        var machine = Load(clock, """
            {"TimeoutSeconds":10,"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%hang","End":true}}}
            """, f => f.Register("hang", async (JValue e, CancellationToken ct) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return e;
            }));
        var run = machine.ExecuteAsync(JsonText.Parse("{}"));
        await clock.TimerCreatedAsync();
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(run.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var r = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.TimedOut, r.Status);
        Assert.Null(r.Error);
    }

    [Fact]
    public async Task ExecutionTimeout_CutsAWaitAtTheDeadline()
    {
        var clock = new WatchedClock(T0);
        var machine = Load(clock, """{"TimeoutSeconds":10,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""");
        var r = await AdvanceOnEachTimerAsync(clock, machine.ExecuteAsync(JsonText.Parse("{}")), TimeSpan.FromSeconds(10));
        Assert.Equal(ExecutionStatus.TimedOut, r.Status);
        Assert.Equal(TimeSpan.FromSeconds(10), r.StopDate - r.StartDate);
    }

    [Fact]
    public async Task Stop_AbortsAWaitWithTheGivenErrorAndCause()
    {
        var clock = new WatchedClock(T0);
        var machine = Load(clock, """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""");
        using var stop = new ExecutionStop();
        var run = machine.ExecuteAsync(JsonText.Parse("{}"), new ExecutionOptions { Stop = stop, RecordHistory = true });
        await clock.TimerCreatedAsync();
        stop.Request("User.Stopped", "by the test");
        var r = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Aborted, r.Status);
        Assert.Equal(("User.Stopped", "by the test"), (r.Error, r.Cause));
        var aborted = r.History!.Single(e => e.Type == "ExecutionAborted").ToJson();
        Assert.Equal("""{"error":"User.Stopped","cause":"by the test"}""", aborted["executionAbortedEventDetails"]!.ToString());
        Assert.Contains(r.History!, e => e.Type == "WaitStateAborted");
    }
}
