using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Runtime;

/// <summary>
/// A resource handler call under an <see cref="IdleTracker"/>: the call holds a unit of work of its own while it
/// runs (real work keeps a jumping clock still), and the state waiting for it puts its frame's unit down until the
/// call ends or the wait is cancelled (a timeout, a sibling's failure, the deadline), whichever comes first.
/// </summary>
internal sealed class TrackedCall
{
    private const int Running = 0;
    private const int Parked = 1;
    private const int EndedFirst = 2;
    private const int Woken = 3;

    private readonly IdleTracker _tracker;
    private int _state;
    private CancellationTokenRegistration _registration;

    private TrackedCall(IdleTracker tracker) => _tracker = tracker;

    /// <summary>
    /// Starts the call holding its own unit. A call that answered synchronously puts it down at once
    /// (<paramref name="pending"/> null); a pending one puts it down when it ends.
    /// </summary>
    public static ValueTask<TaskResult> Invoke(IdleTracker tracker, IResourceHandler handler, TaskRequest request, CancellationToken cancellationToken, out TrackedCall? pending)
    {
        pending = null;
        tracker.Enter();
        ValueTask<TaskResult> call;
        try
        {
            call = handler.InvokeAsync(request, cancellationToken);
        }
        catch
        {
            tracker.Exit();
            throw;
        }

        if (call.IsCompleted)
        {
            tracker.Exit();
            return call;
        }

        var task = call.AsTask();
        var tracked = pending = new TrackedCall(tracker);
        task.ContinueWith(static (_, s) => ((TrackedCall)s!).Ended(), tracked, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new ValueTask<TaskResult>(task);
    }

    /// <summary>
    /// Puts the waiting state's unit down (once every timer it waits on exists); the call's end or
    /// <paramref name="wake"/> takes it back before the state resumes. Nothing to do when the call already ended.
    /// </summary>
    public void Park(CancellationToken wake)
    {
        if (Interlocked.CompareExchange(ref _state, Parked, Running) != Running)
            return;
        if (wake.CanBeCanceled)
            _registration = wake.UnsafeRegister(static s => ((TrackedCall)s!).Wake(), this);
        _tracker.Exit();
    }

    private bool Wake()
    {
        if (Interlocked.CompareExchange(ref _state, Woken, Parked) != Parked)
            return false;
        _tracker.Enter();
        return true;
    }

    /// <summary>The state resumes first, then the call's unit goes down: the engine never looks idle in between.</summary>
    private void Ended()
    {
        if (Interlocked.CompareExchange(ref _state, EndedFirst, Running) != Running)
            Wake();
        _registration.Dispose();
        _tracker.Exit();
    }
}
