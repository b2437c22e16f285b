using System.Net.Http.Headers;
using Quickstep.Aws;
using Quickstep.Aws.Signing;

namespace Quickstep.Integrations.Forwarding;

/// <summary>Sends one signed request to a forwarding endpoint and reads the whole answer.</summary>
internal static class ForwardingHttp
{
    public static Uri Resolve(ForwardingEndpoint target, string pathAndQuery)
    {
        var root = target.Endpoint.GetLeftPart(UriPartial.Authority) + target.Endpoint.AbsolutePath.TrimEnd('/');
        return new Uri(root + pathAndQuery, UriKind.Absolute);
    }

    public static async Task<(HttpResponseMessage Response, byte[] Body)> SendAsync(
        HttpClient http, HttpMethod method, Uri uri, byte[] body, string? contentType, IEnumerable<KeyValuePair<string, string>> headers,
        ForwardingEndpoint target, string signingName, TimeProvider time, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
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

        SigV4Signer.Sign(request, body, target.Credentials, target.Region, signingName, time.GetUtcNow());
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return (response, bytes);
    }

    /// <summary>An answer that is neither success nor a recognizable error shape.</summary>
    public static AwsServiceException Unrecognized(HttpResponseMessage response) =>
        new("InternalFailure", $"The forwarding endpoint answered HTTP {(int)response.StatusCode} without an error the client understands.", (int)response.StatusCode, senderFault: (int)response.StatusCode < 500);
}
