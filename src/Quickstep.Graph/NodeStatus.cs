namespace Quickstep.Graph;

/// <summary>What happened to a state in an execution (its last visit).</summary>
public enum NodeStatus
{
    /// <summary>Never entered.</summary>
    NotRun,

    /// <summary>Entered and not yet finished (the execution is still running).</summary>
    InProgress,

    /// <summary>Exited normally.</summary>
    Succeeded,

    /// <summary>Failed and the failure was not caught here (or a Fail state ran).</summary>
    Failed,

    /// <summary>Failed and one of its Catchers took over (the Catch edge was taken).</summary>
    Caught,

    /// <summary>Stopped because a sibling branch or iteration failed, or the execution was stopped.</summary>
    Aborted,
}
