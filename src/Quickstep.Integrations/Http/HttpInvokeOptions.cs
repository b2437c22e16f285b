namespace Quickstep.Integrations.Http;

/// <summary>Settings of <see cref="HttpInvokeHandler"/>.</summary>
public sealed class HttpInvokeOptions
{
    /// <summary>
    /// Hosts an HTTP Task may call: <c>api.example.com</c>, <c>127.0.0.1:8080</c> (that port only), <c>*.example.com</c>
    /// (its subdomains) or <c>*</c> (any). Default none: every call is refused until the configuration allows a host.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>The EventBridge connections named by <c>Authentication.ConnectionArn</c>. Default none (every call fails with <c>Events.ConnectionResource.ResourceNotFound</c>).</summary>
    public IHttpConnectionSource? Connections { get; init; }

    /// <summary>The client requests go through; default one of the handler's own (no redirects followed, no cookies).</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>How long one request may take before <c>States.Http.Socket</c>; default 60 seconds, as AWS.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock of request timeouts and OAuth token expiry; default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Region in the <c>User-Agent</c> header; default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";
}
