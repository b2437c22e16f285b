using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>Stands in for a service on one node and answers every call with a retryable 503, as a service that is down.</summary>
internal sealed class UnavailableService(string signingName) : IAwsService
{
    public string SigningName => signingName;

    public int Calls => Volatile.Read(ref _calls);

    private int _calls;

    public ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        throw new AwsServiceException("ServiceUnavailable", $"{signingName} is down on this node.", 503, false);
    }
}
