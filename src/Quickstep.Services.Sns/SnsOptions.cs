namespace Quickstep.Services.Sns;

/// <summary>Where the local SNS lives and how it delivers.</summary>
public sealed class SnsOptions
{
    /// <summary>Region in ARNs; default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account in ARNs; default <c>123456789012</c>.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Clock for timestamps, deduplication and retry backoff; default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

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
