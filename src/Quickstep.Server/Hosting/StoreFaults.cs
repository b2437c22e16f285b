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
}
