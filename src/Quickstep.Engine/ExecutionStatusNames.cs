namespace Quickstep.Engine;

/// <summary>The API's spelling of <see cref="ExecutionStatus"/>: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED.</summary>
public static class ExecutionStatusNames
{
    /// <summary>Every status the API's statusFilter accepts that Express executions can have, in the service model's order.</summary>
    public static IReadOnlyList<ExecutionStatus> All { get; } = [ExecutionStatus.Running, ExecutionStatus.Succeeded, ExecutionStatus.Failed, ExecutionStatus.TimedOut, ExecutionStatus.Aborted];

    public static string ToApiName(this ExecutionStatus status) => status switch
    {
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        ExecutionStatus.Running => "RUNNING",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status named <paramref name="name"/> (the API's spelling); false for any other text.</summary>
    public static bool TryParse(string? name, out ExecutionStatus status)
    {
        status = name switch
        {
            "SUCCEEDED" => ExecutionStatus.Succeeded,
            "FAILED" => ExecutionStatus.Failed,
            "TIMED_OUT" => ExecutionStatus.TimedOut,
            "ABORTED" => ExecutionStatus.Aborted,
            "RUNNING" => ExecutionStatus.Running,
            _ => (ExecutionStatus)(-1),
        };
        return status >= 0;
    }

    /// <summary>The status named <paramref name="name"/>; throws <see cref="FormatException"/> for any other text.</summary>
    public static ExecutionStatus Parse(string name) =>
        TryParse(name, out var s) ? s : throw new FormatException($"'{name}' is not an execution status.");
}
