using System.Runtime.CompilerServices;
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
            TakeUnit(tracker, frame);
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

        return Pending(tracker, frame, call, out pending);
    }

    /// <summary>Takes the unit the frame's next call runs on, before the handler runs.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void TakeUnit(IdleTracker tracker, Frame frame)
    {
        tracker.Enter();
        frame.HoldsSpareUnit = true;
    }

    /// <summary>
    /// The call answered (or threw) at once: only the machine's scope keeps the unit as its spare (it puts it down when
    /// it waits or ends); a branch's goes down now.
    /// </summary>
    public static void Answered(IdleTracker tracker, Frame frame)
    {
        if (frame.Parent is null)
            return;
        frame.HoldsSpareUnit = false;
        tracker.Exit();
    }

    /// <summary>
    /// A Parallel branch or Map iteration that threw (a bug, not a States error): the unit its last call ran on, when
    /// the handler threw at once, is still with its frame and goes down now.
    /// </summary>
    public static void Crashed(Execution x, Frame frame)
    {
        if (frame.HoldsSpareUnit)
            x.PutDownSpareUnit(frame);
    }

    /// <summary>
    /// A call that did not answer at once (<paramref name="call"/>, run on the frame's spare unit): the unit becomes
    /// the call's, put down when it ends (<paramref name="pending"/>); the caller parks the frame's own unit.
    /// </summary>
    public static ValueTask<TaskResult> Pending(IdleTracker tracker, Frame frame, ValueTask<TaskResult> call, out TrackedCall? pending)
    {
        pending = null;
        if (call.IsCompleted)
        {
            Answered(tracker, frame);
            return call;
        }

        // The continuation that puts the unit down is registered only now: nothing can end it before the call owns it.
        frame.HoldsSpareUnit = false;
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
