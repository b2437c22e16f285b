using Microsoft.Extensions.Time.Testing;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>
/// The engine's virtual clock and <see cref="FakeTimeProvider"/> are interchangeable: the same Wait/Retry-heavy
/// execution records the same history, timestamp for timestamp, whether time elapses on its own
/// (<see cref="VirtualTimeProvider"/>) or only when the test advances it (issue 15, "one clock").
/// </summary>
public sealed class ClockParityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Wait 10 s, a Task that fails twice (retried after 2 s and 4 s) and succeeds, a Wait on a path,
    // then a Task that always fails (retried after 1, 3, 9 s) and is caught into a last Wait.
    private const string Definition = """
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

    [Fact]
    public async Task WaitAndRetry_FakeTimeProviderAndVirtualClock_RecordIdenticalTimestamps()
    {
        var onVirtual = await RunAsync(new VirtualTimeProvider(T0), null);
        var fake = new DueTrackingClock(T0);
        var onFake = await RunAsync(fake, fake);

        Assert.Equal(ExecutionStatus.Succeeded, onVirtual.Status);
        Assert.Equal(ExecutionStatus.Succeeded, onFake.Status);
        var expected = onVirtual.History!.Select(e => (e.Type, e.Timestamp)).ToList();
        Assert.Equal(expected, onFake.History!.Select(e => (e.Type, e.Timestamp)).ToList());

        // The waits really took clock time: 10 + (2 + 4) + 5 + (1 + 3 + 9) + 7 seconds.
        Assert.Equal(TimeSpan.FromSeconds(41), onFake.StopDate - onFake.StartDate);
        Assert.Equal(onVirtual.StopDate, onFake.StopDate);
    }

    /// <summary>Runs the definition; with a fake clock, advances it to each next timer until the execution ends.</summary>
    private static async Task<ExecutionResult> RunAsync(TimeProvider clock, DueTrackingClock? fake)
    {
        var flakyCalls = 0;
        var engine = new QuickstepEngine(new EngineOptions
        {
            TimeProvider = clock,
            ResourceHandlers = [new Handler(() => ++flakyCalls)],
        });
        var machine = engine.Load(Definition, "parity");
        var run = machine.ExecuteAsync(JsonText.Parse("""{"pause":5}"""), new ExecutionOptions { RecordHistory = true });
        for (var steps = 0; fake is not null && !run.IsCompleted && steps < 100; steps++)
            await fake.AdvanceToNextTimerAsync(run);
        return await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>flaky fails on its first two calls; broken always fails. Both answer at once.</summary>
    private sealed class Handler(Func<int> flakyCall) : IResourceHandler
    {
        public bool CanHandle(string resource) => resource.StartsWith("arn:aws:lambda:", StringComparison.Ordinal);

        public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken) =>
            new(request.Resource.EndsWith(":flaky", StringComparison.Ordinal)
                ? (flakyCall() <= 2 ? TaskResult.Failure("Flaky.Error", "not yet") : TaskResult.Success(JsonText.Parse("""{"ok":true}""")))
                : TaskResult.Failure("Broken.Error", "always"));
    }

    /// <summary>A <see cref="FakeTimeProvider"/> that knows when each timer created on it is due, so a test can advance exactly to the next one.</summary>
    private sealed class DueTrackingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly List<DateTimeOffset> _dues = [];
        private readonly SemaphoreSlim _created = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            lock (_dues)
                _dues.Add(GetUtcNow() + dueTime);
            _created.Release();
            return timer;
        }

        /// <summary>Once the run waits on a timer (the only one: the execution has no concurrent branch), moves the clock to it.</summary>
        public async Task AdvanceToNextTimerAsync(Task run)
        {
            while (true)
            {
                lock (_dues)
                {
                    var now = GetUtcNow();
                    _dues.RemoveAll(d => d <= now);
                    if (_dues.Count > 0)
                    {
                        Advance(_dues.Min() - now);
                        return;
                    }
                }

                if (run.IsCompleted)
                    return;
                Assert.True(await _created.WaitAsync(TimeSpan.FromSeconds(30)) || run.IsCompleted, "the run neither ended nor waited on the clock");
            }
        }
    }
}
