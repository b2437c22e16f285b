namespace Quickstep.Engine;

/// <summary>
/// A clock for tests, replays and `--fast-clock`: Waits and retry backoff elapse at once while
/// the clock advances as if they had waited. Timers (task timeouts, functions that sleep) fire
/// in due order on the thread pool as soon as they are created, each advancing the clock.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    // The lock guards the timer queue only; the time is one long read without it (read per state).
    private readonly Lock _gate = new();
    private readonly PriorityQueue<VirtualTimer, (DateTimeOffset, long)> _timers = new();
    private long _nowTicks;
    private long _sequence;
    private bool _pumping;
    private int _holds;

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

    /// <summary>
    /// Keeps time from jumping while concurrent work starts (a Parallel's branches, a Map's iterations),
    /// so a timer armed by the first branch cannot fire before the last branch has armed its own.
    /// </summary>
    internal void Hold() => Interlocked.Increment(ref _holds);

    /// <summary>Ends a <see cref="Hold"/>.</summary>
    internal void Release() => Interlocked.Decrement(ref _holds);

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
            // On a loaded machine work may still be queued after that millisecond (a branch's next state): wait for the
            // pool to drain, up to 50 ms, so time does not jump past work that was ready to run.
            for (var spins = 0; spins < 50 && ThreadPool.PendingWorkItemCount > 0; spins++)
                await Task.Delay(1).ConfigureAwait(false);
            while (Volatile.Read(ref _holds) > 0)
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
