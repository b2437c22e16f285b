namespace Quickstep.Engine;

/// <summary>An execution's status, as the Step Functions API names it (<see cref="ExecutionStatusNames"/>).</summary>
public enum ExecutionStatus
{
    Succeeded,
    Failed,
    TimedOut,
    Aborted,

    /// <summary>Not finished yet: a host's stored execution; never the status of an <see cref="ExecutionResult"/>.</summary>
    Running,
}
