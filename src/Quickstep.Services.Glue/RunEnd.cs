namespace Quickstep.Services.Glue;

/// <summary>Why a run's process was ended before it exited by itself.</summary>
internal enum RunEnd
{
    None,
    Stopped,
    Deleted,
    Shutdown,
}
