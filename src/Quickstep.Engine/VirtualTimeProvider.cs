namespace Quickstep.Engine;

/// <summary>
/// A clock for tests, replays and <c>--fast-clock</c>: time jumps to the next timer as soon as the engine has
/// nothing else to do, so Waits and retry backoff elapse at once while timestamps advance as if they had waited.
/// </summary>
/// <remarks>
/// The clock moves only when its <see cref="IdleTracker"/> reports the engine idle (give the engine the same
/// tracker: <c>new EngineOptions { TimeProvider = clock, IdleTracker = clock.IdleTracker }</c>). Timers then fire one
/// at a time in due order (ties in the order they were armed), each on the thread that made the engine idle, so
/// a history does not depend on thread scheduling or on how loaded the machine is. A resource handler call in
/// flight keeps the engine busy: time stands still while real work runs. Timers created while nothing reports
/// to the tracker fire at once, in due order, on the thread pool.
/// </remarks>
public sealed class VirtualTimeProvider : TimeProvider
{
    // The lock guards the timer queue only; the time is one long read without it (read per state).
    private readonly Lock _gate = new();
    private readonly PriorityQueue<VirtualTimer, (DateTimeOffset, long)> _timers = new();
    private readonly Action _pump;
    private long _nowTicks;
    private long _sequence;
    private bool _pumping;

    /// <param name="start">The time at first. Default 2026-01-01T00:00:00Z.</param>
    /// <param name="idleTracker">The tracker that says when the clock may move. Default a new one (<see cref="IdleTracker"/>).</param>
    public VirtualTimeProvider(DateTimeOffset? start = null, IdleTracker? idleTracker = null)
    {
        _nowTicks = (start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).UtcTicks;
        _pump = Pump;
        IdleTracker = idleTracker ?? new IdleTracker();
        IdleTracker.Drive(this, _pump, TryJump);
    }

    /// <summary>The engine's report of runnable work this clock waits for before it jumps.</summary>
    public IdleTracker IdleTracker { get; }

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _nowTicks), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward by <paramref name="delay"/> (never backward); timers it passes fire at the next idle moment.</summary>
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
            if (_pumping || !IdleTracker.IsIdle)
                return;
        }

        // Nothing is running that will report idle: fire from the pool (never inside CreateTimer, whose caller is not ready).
        ThreadPool.UnsafeQueueUserWorkItem(static pump => pump(), _pump, preferLocal: false);
    }

    /// <summary>While the engine is idle, moves to the next timer and fires it, holding a unit of work while its callback runs.</summary>
    private void Pump()
    {
        lock (_gate)
        {
            if (_pumping)
                return;
            _pumping = true;
        }

        var done = false;
        try
        {
            while (true)
            {
                VirtualTimer? next;
                lock (_gate)
                {
                    if (!IdleTracker.IsIdle || !TryTakeNext(out next))
                    {
                        _pumping = false;
                        done = true;
                        return;
                    }

                    next.Armed = false;
                    AdvanceTo(next.Due.UtcTicks);
                }

                // The callback's work (a branch resuming) runs before the clock can look idle again.
                IdleTracker.Enter();
                try
                {
                    next.Fire();
                }
                finally
                {
                    IdleTracker.Exit();
                }
            }
        }
        finally
        {
            if (!done)
            {
                lock (_gate)
                    _pumping = false;
            }
        }
    }

    /// <summary>
    /// For the tracker's only units (<paramref name="held"/>, one scope's) going to sleep for <paramref name="delay"/>:
    /// moves the clock past it at once when no timer is due by then (what the pump would do next, without a timer).
    /// </summary>
    private bool TryJump(TimeSpan delay, int held)
    {
        lock (_gate)
        {
            if (_pumping || IdleTracker.Busy != held)
                return false;
            var target = GetUtcNow() + delay;
            while (_timers.TryPeek(out var t, out var key))
            {
                if (t.Armed && t.Due == key.Item1)
                {
                    if (key.Item1 <= target)
                        return false;
                    break;
                }

                _timers.Dequeue();
            }

            AdvanceTo(target.UtcTicks);
            return true;
        }
    }

    private bool TryTakeNext(out VirtualTimer next)
    {
        while (_timers.TryDequeue(out var t, out var key))
        {
            // A timer changed or disposed since it was queued left a stale entry behind.
            if (t.Armed && t.Due == key.Item1)
            {
                next = t;
                return true;
            }
        }

        next = null!;
        return false;
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
