namespace Quickstep.Engine;

/// <summary>An execution's final status, as the Step Functions API names it.</summary>
public enum ExecutionStatus
{
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}
