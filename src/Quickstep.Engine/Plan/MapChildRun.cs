namespace Quickstep.Engine.Plan;

/// <summary>
/// One child workflow execution of a Distributed Map as the ResultWriter reports it: its input, when it ran,
/// and how it ended (an output, an error, aborted), or not started at all.
/// </summary>
internal sealed class MapChildRun(JValue input)
{
    public JValue Input { get; } = input;

    public bool Started { get; set; }

    public DateTimeOffset StartDate { get; set; }

    public DateTimeOffset StopDate { get; set; }

    public JValue? Output { get; set; }

    public StatesError? Error { get; set; }

    /// <summary>Stopped because the Map Run failed or its execution was aborted (no output, no error of its own).</summary>
    public bool Aborted => Started && Output is null && Error is null;
}
