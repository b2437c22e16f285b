using Quickstep.Aws;

namespace Quickstep.Services.Sns;

/// <summary>Where the local SNS lives and how it delivers (its clock drives timestamps, deduplication and retry backoff).</summary>
public sealed class SnsOptions : AwsServiceOptions
{
    /// <summary>The server's base URL (e.g. http://127.0.0.1:8083), for SubscribeURL and UnsubscribeURL; read at each use.</summary>
    public Func<string> Endpoint { get; init; } = () => "http://127.0.0.1:8083";

    /// <summary>Client for http/https subscriptions; default a new one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Retries after a failed HTTP delivery; default 3.</summary>
    public int HttpRetries { get; init; } = 3;

    /// <summary>Delay before the first retry, doubled for each next one; default 1 second.</summary>
    public TimeSpan HttpRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where <c>lambda</c> subscriptions deliver; default none (such subscriptions are refused).</summary>
    public ILambdaDeliveryTarget? Lambda { get; init; }
}
