using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Storage;

namespace Quickstep.Server.Hosting;

/// <summary>Faults of the store that callers can do something about, in the shape every endpoint answers.</summary>
internal static class StoreFaults
{
    /// <summary>
    /// A store locked by another process (<see cref="StoreUnavailableException"/>, nothing applied) as 503
    /// ServiceUnavailable, which the AWS SDKs and CLI retry with backoff; null for any other fault.
    /// </summary>
    public static AwsServiceException? Unavailable(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is StoreUnavailableException unavailable)
                return new AwsServiceException("ServiceUnavailable", unavailable.Message, 503, senderFault: false);
        }

        return null;
    }

    /// <summary>
    /// The answer to an unexpected fault of <paramref name="operation"/>: a locked store as 503 (not logged, the caller
    /// retries), anything else logged as a crash and answered 500 with <paramref name="internalCode"/>.
    /// </summary>
    public static AwsServiceException Answer(Exception e, ILogger logger, string operation, string internalCode)
    {
        if (Unavailable(e) is { } unavailable)
            return unavailable;
        Log.OperationCrashed(logger, operation, e);
        return new AwsServiceException(internalCode, "An internal error occurred: " + e.Message, 500, senderFault: false);
    }
}
