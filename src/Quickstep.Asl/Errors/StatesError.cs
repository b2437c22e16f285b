namespace Quickstep.Asl.Errors;

/// <summary>A runtime ASL failure as a value: an error name and a cause, flowing to Retry/Catch.</summary>
public sealed record StatesError(string Error, string? Cause)
{
    /// <summary>True when a Fail state raised it (history ends with ExecutionFailed after FailStateEntered).</summary>
    public bool IsFailState { get; init; }

    public override string ToString() => Cause is null ? Error : $"{Error}: {Cause}";
}
