using Quickstep.Aws;
using Quickstep.Storage;

namespace Quickstep.Services.Sqs;

/// <summary>Settings of the SQS service (its clock drives visibility timeouts, delays, retention and the deduplication interval).</summary>
public sealed class SqsServiceOptions : AwsServiceOptions
{
    /// <summary>
    /// Where clients reach the service (<c>http://HOST:PORT</c>): queue URLs are <c>{Endpoint}/{AccountId}/{name}</c>.
    /// Default http://localhost:8083; the server sets it to the address it listens on.
    /// </summary>
    public string Endpoint { get; init; } = "http://localhost:8083";

    /// <summary>Durable storage; null keeps everything in memory only. Default null.</summary>
    public IMessageQueueStore? Store { get; init; }

    /// <summary>Message ids. Default <see cref="Guid.NewGuid"/>.</summary>
    public Func<Guid> NewId { get; init; } = Guid.NewGuid;
}
