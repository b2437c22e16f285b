using Quickstep.Storage;

namespace Quickstep.Services.Sqs;

/// <summary>Settings of the SQS service.</summary>
public sealed class SqsServiceOptions
{
    /// <summary>Region in queue ARNs. Default us-east-1.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account in queue URLs and ARNs. Default 123456789012.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>
    /// Where clients reach the service (<c>http://HOST:PORT</c>): queue URLs are <c>{Endpoint}/{AccountId}/{name}</c>.
    /// Default http://localhost:8083; the server sets it to the address it listens on.
    /// </summary>
    public string Endpoint { get; init; } = "http://localhost:8083";

    /// <summary>Clock for visibility timeouts, delays, retention and the deduplication interval. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Durable storage; null keeps everything in memory only. Default null.</summary>
    public IMessageQueueStore? Store { get; init; }

    /// <summary>Message ids. Default <see cref="Guid.NewGuid"/>.</summary>
    public Func<Guid> NewId { get; init; } = Guid.NewGuid;
}
