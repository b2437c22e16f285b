using System.Net.Http.Headers;
using Quickstep.Aws;
using Quickstep.Aws.Signing;

namespace Quickstep.Integrations.Forwarding;

/// <summary>One service's way to its forwarding endpoint: sends one signed request and reads the whole answer.</summary>
internal sealed class ForwardingHttp
{
    private readonly string _signingName;
    private readonly ForwardingEndpoint _target;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public ForwardingHttp(string signingName, ForwardingEndpoint target, HttpClient http, TimeProvider? time)
    {
        _signingName = signingName ?? throw new ArgumentNullException(nameof(signingName));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? TimeProvider.System;
    }

    /// <param name="pathAndQuery">Below the endpoint's own path, e.g. <c>/</c> or <c>/bucket/key?x=1</c>.</param>
    public async Task<(HttpResponseMessage Response, byte[] Body)> SendAsync(
        HttpMethod method, string pathAndQuery, byte[] body, string? contentType, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Resolve(pathAndQuery));
        if (body.Length > 0 || contentType is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is not null)
                request.Content.Headers.TryAddWithoutValidation(name, value);
        }

        SigV4Signer.Sign(request, body, _target.Credentials, _target.Region, _signingName, _time.GetUtcNow());
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return (response, bytes);
    }

    /// <summary>An answer that is neither success nor a recognizable error shape.</summary>
    public static AwsServiceException Unrecognized(HttpResponseMessage response) =>
        new("InternalFailure", $"The forwarding endpoint answered HTTP {(int)response.StatusCode} without an error the client understands.", (int)response.StatusCode, senderFault: (int)response.StatusCode < 500);

    private Uri Resolve(string pathAndQuery)
    {
        var root = _target.Endpoint.GetLeftPart(UriPartial.Authority) + _target.Endpoint.AbsolutePath.TrimEnd('/');
        return new Uri(root + pathAndQuery, UriKind.Absolute);
    }
}
