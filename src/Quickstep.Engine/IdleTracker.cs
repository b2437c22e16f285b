namespace Quickstep.Engine;

/// <summary>
/// The engine's report of whether it has runnable work (issue 15, "one clock"). The engine counts a unit of
/// work for each execution, each Parallel branch and Map iteration running beside others, and each resource
/// handler call in flight; a unit is put down only while it waits on a timer of the clock (a Wait, a retry
/// backoff, a Task's timeout) or on other units (a Parallel or Map waiting for its branches). When no unit is
/// held the engine is idle: only the clock can make anything happen next.
/// </summary>
/// <remarks>
/// <para>Set it through <see cref="EngineOptions.IdleTracker"/>. A <see cref="VirtualTimeProvider"/> owns one and
/// jumps to its next timer exactly when the tracker turns idle; with any other clock (a <c>FakeTimeProvider</c>
/// a test advances) <see cref="WhenIdleAsync"/> tells the driver when it may advance. Without a tracker the engine
/// counts nothing and pays nothing.</para>
/// <para>A handler call in flight is busy, so virtual time stands still while real work (an HTTP call, a process)
/// runs: a virtual TimeoutSeconds cannot cut it short. In-process code that wants to sleep on the clock inside a
/// call (a simulated slow function) waits through <see cref="DelayAsync"/>, which puts its unit down.</para>
/// </remarks>
public sealed class IdleTracker
{
    private readonly Lock _gate = new();
    private int _busy;
    private Action? _idle;
    private TimeProvider? _clock;
    private Func<TimeSpan, int, bool>? _jump;
    private TaskCompletionSource? _whenIdle;

    /// <summary>True when no unit of work is held.</summary>
    public bool IsIdle => Volatile.Read(ref _busy) == 0;

    /// <summary>Completes once the engine is idle (at once if it is idle now).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (IsIdle)
                return Task.CompletedTask;
            waiter = _whenIdle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Waits <paramref name="delay"/> on <paramref name="time"/>, with the caller's unit of work put down meanwhile,
    /// so the engine can be idle (and a virtual clock move) while this code sleeps. For code running inside a unit:
    /// an execution's state, or a resource handler call. Throws <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public async ValueTask DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!await SleepAsync(time, delay, cancellationToken).ConfigureAwait(false))
            throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>Like <see cref="DelayAsync"/>: true once the delay elapsed, false when cancelled first.</summary>
    internal ValueTask<bool> SleepAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
        SleepAsync(time, delay, 1, cancellationToken, out _);

    /// <summary>
    /// Like <see cref="DelayAsync"/> for a caller holding <paramref name="held"/> units (a scope's own and the spare it
    /// keeps between Task calls): all go down while it sleeps (<paramref name="putDown"/>), one comes back when it wakes.
    /// </summary>
    internal ValueTask<bool> SleepAsync(TimeProvider time, TimeSpan delay, int held, CancellationToken cancellationToken, out bool putDown)
    {
        putDown = false;
        if (cancellationToken.IsCancellationRequested)
            return new ValueTask<bool>(false);
        if (delay <= TimeSpan.Zero)
            return new ValueTask<bool>(true);
        // The only units, on the clock this tracker drives, with no timer due first: the clock would fire this one next, so it jumps now.
        if (_jump is not null && ReferenceEquals(time, _clock) && Volatile.Read(ref _busy) == held && _jump(delay, held))
            return new ValueTask<bool>(true);
        var sleeper = new Sleeper(this);
        // The timer exists before the unit is put down, so an idle engine always sees what it waits for.
        sleeper.Arm(time, delay, cancellationToken);
        putDown = true;
        Exit(held);
        return new ValueTask<bool>(sleeper.Task);
    }

    /// <summary>Takes a unit of work: the engine is busy until the matching <see cref="Exit()"/>.</summary>
    internal void Enter() => Interlocked.Increment(ref _busy);

    /// <summary>Puts a unit down; the last one makes the engine idle and tells the clock.</summary>
    internal void Exit() => Exit(1);

    /// <summary>Puts <paramref name="units"/> down at once (a scope's own and its spare).</summary>
    internal void Exit(int units)
    {
        if (Interlocked.Add(ref _busy, -units) == 0)
            OnIdle();
    }

    /// <summary>Units held now (the clock reads it under its own lock before it jumps ahead of a sleeper).</summary>
    internal int Busy => Volatile.Read(ref _busy);

    /// <summary>
    /// The clock that moves when the engine is idle (one per tracker): <paramref name="idle"/> is called on the thread that
    /// made it idle; <paramref name="jump"/> moves the clock by a delay at once when no timer is due before it and the
    /// units held are only the sleeper's (its second argument).
    /// </summary>
    internal void Drive(TimeProvider clock, Action idle, Func<TimeSpan, int, bool> jump)
    {
        lock (_gate)
        {
            if (_clock is not null && !ReferenceEquals(_clock, clock))
                throw new InvalidOperationException("This idle tracker already drives another clock.");
            (_clock, _idle, _jump) = (clock, idle, jump);
        }
    }

    private void OnIdle()
    {
        TaskCompletionSource? waiter;
        Action? idle;
        lock (_gate)
        {
            if (!IsIdle)
                return;
            waiter = _whenIdle;
            _whenIdle = null;
            idle = _idle;
        }

        waiter?.TrySetResult();
        idle?.Invoke();
    }

    /// <summary>
    /// A unit put down until the timer or the cancellation wakes it: the first to wake it takes the unit back before
    /// the waiting code resumes, so the engine never looks idle between the wake-up and the work it causes.
    /// </summary>
    private sealed class Sleeper(IdleTracker tracker)
    {
        private readonly TaskCompletionSource<bool> _done = new();
        private int _woken;
        private ITimer? _timer;
        private CancellationTokenRegistration _registration;

        public Task<bool> Task => _done.Task;

        public void Arm(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
        {
            _timer = time.CreateTimer(static s => ((Sleeper)s!).Fire(true), this, delay, Timeout.InfiniteTimeSpan);
            if (cancellationToken.CanBeCanceled)
                _registration = cancellationToken.UnsafeRegister(static s => ((Sleeper)s!).Fire(false), this);
        }

        private void Fire(bool elapsed)
        {
            if (Interlocked.Exchange(ref _woken, 1) != 0)
                return;
            tracker.Enter();
            _timer?.Dispose();
            _registration.Dispose();
            _done.TrySetResult(elapsed);
        }
    }
}
