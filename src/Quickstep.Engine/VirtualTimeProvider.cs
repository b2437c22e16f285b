namespace Quickstep.Engine;

/// <summary>
/// A clock for tests, replays and `--fast-clock`: Waits and retry backoff elapse at once while
/// the clock advances as if they had waited. Timers (task timeouts, functions that sleep) fire
/// in due order on the thread pool as soon as they are created, each advancing the clock.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<VirtualTimer, (DateTimeOffset, long)> _timers = new();
    private DateTimeOffset _now;
    private long _sequence;
    private bool _pumping;

    public VirtualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return _now;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward by <paramref name="delay"/> (never backward).</summary>
    public void Advance(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
            return;
        lock (_gate)
            _now += delay;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(VirtualTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            timer.Due = _now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
            timer.Armed = true;
            _timers.Enqueue(timer, (timer.Due, _sequence++));
            if (_pumping)
                return;
            _pumping = true;
        }

        _ = PumpAsync();
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            // Let in-flight work settle (complete, or arm its own timers) before time jumps.
            await Task.Delay(1).ConfigureAwait(false);
            VirtualTimer? next = null;
            lock (_gate)
            {
                while (_timers.TryDequeue(out var t, out var key))
                {
                    if (t.Armed && t.Due == key.Item1)
                    {
                        next = t;
                        break;
                    }
                }

                if (next is null)
                {
                    _pumping = false;
                    return;
                }

                next.Armed = false;
                if (next.Due > _now)
                    _now = next.Due;
            }

            next.Fire();
        }
    }

    private sealed class VirtualTimer(VirtualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public bool Armed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
                Armed = false;
            if (dueTime != Timeout.InfiniteTimeSpan)
                owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
                Armed = false;
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
