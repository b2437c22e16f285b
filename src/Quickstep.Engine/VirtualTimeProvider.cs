namespace Quickstep.Engine;

/// <summary>
/// A clock for tests, replays and `--fast-clock` on which nothing but timers takes time: a timer fires as
/// soon as it exists, the clock jumping to its due time (never backward), timers in due order. Waits and
/// retry backoff therefore elapse at once while <c>$$</c> times advance as if they had waited. The engine
/// uses it like any <see cref="TimeProvider"/>; it never looks at wall-clock time. Work that is not
/// waiting on this clock (a function in another process) takes no time on it: a Task timeout or the
/// execution deadline guarding it fires at once, so use in-process or mocked functions with it.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    // The lock guards the timer queue only; the time is one long read without it (read per state).
    private readonly Lock _gate = new();
    private readonly PriorityQueue<VirtualTimer, (DateTimeOffset, long)> _timers = new();
    private long _nowTicks;
    private long _sequence;
    private bool _firing;

    public VirtualTimeProvider(DateTimeOffset? start = null) =>
        _nowTicks = (start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _nowTicks), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward by <paramref name="delay"/> (never backward).</summary>
    public void Advance(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
            return;
        Interlocked.Add(ref _nowTicks, delay.Ticks);
    }

    /// <summary>Moves the clock to <paramref name="ticks"/> unless it is already past it.</summary>
    private void AdvanceTo(long ticks)
    {
        var current = Volatile.Read(ref _nowTicks);
        while (current < ticks)
        {
            var seen = Interlocked.CompareExchange(ref _nowTicks, ticks, current);
            if (seen == current)
                return;
            current = seen;
        }
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
            timer.Due = GetUtcNow() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
            timer.Armed = true;
            _timers.Enqueue(timer, (timer.Due, _sequence++));
            if (_firing)
                return;
            _firing = true;
        }

        // Fired on the thread pool, never inside CreateTimer: callers get their timer before its callback runs.
        ThreadPool.UnsafeQueueUserWorkItem(static self => self.FireAll(), this, preferLocal: false);
    }

    /// <summary>Fires every armed timer in due order, including those armed by the callbacks, then stops.</summary>
    private void FireAll()
    {
        while (true)
        {
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
                    _firing = false;
                    return;
                }

                next.Armed = false;
                AdvanceTo(next.Due.UtcTicks);
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
