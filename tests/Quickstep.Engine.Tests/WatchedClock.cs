using Microsoft.Extensions.Time.Testing;

namespace Quickstep.Engine.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that tells the test when code created a timer on it (so it advances only once something waits).</summary>
internal sealed class WatchedClock : FakeTimeProvider
{
    private readonly SemaphoreSlim _created = new(0);

    public WatchedClock(DateTimeOffset start)
        : base(start)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Release();
        return timer;
    }

    /// <summary>Completes once another timer was created since the last call.</summary>
    public Task TimerCreatedAsync() => _created.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => Assert.True(t.Result, "no timer was created"), TaskScheduler.Default);
}
