namespace Quickstep.Engine.Ports;

/// <summary>A task's outcome: its result value, or an error name and cause (a value, not an exception).</summary>
public readonly struct TaskResult
{
    private TaskResult(JValue? output, StatesError? error)
    {
        Output = output;
        Error = error;
    }

    public JValue? Output { get; }

    public StatesError? Error { get; }

    public bool IsSuccess => Error is null;

    public static TaskResult Success(JValue output) => new(output, null);

    public static TaskResult Failure(string error, string? cause) => new(null, new StatesError(error, cause));

    public static TaskResult Failure(StatesError error) => new(null, error);
}
