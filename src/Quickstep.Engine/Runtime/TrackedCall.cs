using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Runtime;

/// <summary>
/// A resource handler call under an <see cref="IdleTracker"/>: the call holds a unit of work of its own while it
/// runs (real work keeps a jumping clock still), and the state waiting for it puts its frame's unit down until the
/// call ends or the wait is cancelled (a timeout, a sibling's failure, the deadline), whichever comes first.
/// </summary>
/// <remarks>
/// The call's unit is taken before the handler runs, so nothing the handler does (going asynchronous, sleeping on the
/// clock, on this thread or another) can make the engine look idle while this thread still works. A call that answers
/// at once leaves it with the machine's scope as a spare for the next call (<see cref="Frame.HoldsSpareUnit"/>): a chain
/// of synchronous calls takes and puts down one unit in all, not one per call. A branch's scope puts it down at once.
/// </remarks>
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
    /// Starts the call on the frame's spare unit (taken first if the frame holds none). A call that answered
    /// synchronously leaves it with the frame (<paramref name="pending"/> null); a pending one makes it its own and
    /// puts it down when it ends.
    /// </summary>
    public static ValueTask<TaskResult> Invoke(IdleTracker tracker, IResourceHandler handler, TaskRequest request, Frame frame, CancellationToken cancellationToken, out TrackedCall? pending)
    {
        pending = null;
        if (!frame.HoldsSpareUnit)
        {
            tracker.Enter();
            frame.HoldsSpareUnit = true;
        }

        ValueTask<TaskResult> call;
        try
        {
            call = handler.InvokeAsync(request, cancellationToken);
        }
        catch
        {
            Answered(tracker, frame);
            throw;
        }

        if (call.IsCompleted)
        {
            Answered(tracker, frame);
            return call;
        }

        // The unit becomes the call's before anything can end it: the continuation that puts it down is registered below.
        frame.HoldsSpareUnit = false;
        var task = call.AsTask();
        var tracked = pending = new TrackedCall(tracker);
        task.ContinueWith(static (_, s) => ((TrackedCall)s!).Ended(), tracked, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new ValueTask<TaskResult>(task);
    }

    /// <summary>Only the machine's scope keeps the spare (it puts it down when it waits or ends); a branch's goes down now.</summary>
    private static void Answered(IdleTracker tracker, Frame frame)
    {
        if (frame.Parent is null)
            return;
        frame.HoldsSpareUnit = false;
        tracker.Exit();
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
