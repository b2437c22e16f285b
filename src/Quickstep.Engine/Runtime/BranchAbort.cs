using Quickstep.Asl.Errors;

namespace Quickstep.Engine.Runtime;

/// <summary>
/// A Parallel branch or Map iteration stopped because a sibling failed: AWS fails the state at once
/// and aborts the others (TaskStateAborted, WaitStateAborted, MapIterationAborted, …).
/// </summary>
internal static class BranchAbort
{
    /// <summary>The marker result of an aborted scope; never reported, compared by reference.</summary>
    public static readonly StatesError Error = new("States.Aborted", null);

    /// <summary>True when <paramref name="frame"/>'s branch was aborted by a sibling's failure (not a stop or a timeout of the execution).</summary>
    public static bool Requested(Execution x, Frame frame) =>
        frame.Cancellation.IsCancellationRequested && !x.Abort.IsCancellationRequested;

    public static bool Is(StatesError? error) => ReferenceEquals(error, Error);
}
