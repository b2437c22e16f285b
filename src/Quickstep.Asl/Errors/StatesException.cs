namespace Quickstep.Asl.Errors;

/// <summary>
/// Carries a <see cref="StatesError"/> out of deep evaluation (paths, intrinsics, JSONata) to the
/// state boundary, where the engine turns it back into a value for Retry/Catch. Thrown only on
/// the failure path, so the happy path pays nothing for it.
/// </summary>
public sealed class StatesException : Exception
{
    public StatesException()
        : this(new StatesError(StatesErrors.Runtime, null))
    {
    }

    public StatesException(string message)
        : this(new StatesError(StatesErrors.Runtime, message))
    {
    }

    public StatesException(string message, Exception inner)
        : base(message, inner) => Error = new StatesError(StatesErrors.Runtime, message);

    public StatesException(StatesError error)
        : base(error.ToString()) => Error = error;

    public StatesException(string error, string? cause)
        : this(new StatesError(error, cause))
    {
    }

    public StatesError Error { get; }
}
