namespace Quickstep.Asl.Errors;

/// <summary>A runtime ASL failure as a value: an error name and a cause, flowing to Retry/Catch.</summary>
public sealed record StatesError(string Error, string? Cause)
{
    public override string ToString() => Cause is null ? Error : $"{Error}: {Cause}";
}
