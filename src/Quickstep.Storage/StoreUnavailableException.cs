namespace Quickstep.Storage;

/// <summary>
/// The store cannot take a write now, through no fault of the write: another process holds its database locked
/// past the busy timeout. Nothing of the refused write was applied; the same call may succeed later (the server
/// answers it 503 ServiceUnavailable, which the AWS SDKs retry).
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
        : this("The store is unavailable.")
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
