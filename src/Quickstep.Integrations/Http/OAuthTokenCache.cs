using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Integrations.Http;

/// <summary>
/// Access tokens of OAUTH_CLIENT_CREDENTIALS connections: fetched from the connection's AuthorizationEndpoint (client id
/// and secret as Basic credentials, <c>grant_type=client_credentials</c> plus the connection's OAuth parameters), kept
/// until <c>expires_in</c> says they expired, the connection changed, or the API answered 401.
/// </summary>
internal sealed class OAuthTokenCache(HttpClient http, HttpHostPolicy hosts, TimeProvider time, TimeSpan requestTimeout)
{
    private const int MaxCached = 1024;

    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>The connection's token: the cached one unless <paramref name="refresh"/>, it expired, or the connection changed.</summary>
    /// <exception cref="OAuthTokenException">The token endpoint is not allowed, failed, or answered without a token.</exception>
    public async ValueTask<string> GetAsync(HttpConnection connection, bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && _tokens.TryGetValue(connection.Arn, out var cached) && cached.Version == connection.Version
            && (cached.ExpiresAt is not { } expires || time.GetUtcNow() < expires))
            return cached.Token;

        var token = await FetchAsync(connection, cancellationToken).ConfigureAwait(false);
        if (_tokens.Count >= MaxCached)
            _tokens.Clear();
        _tokens[connection.Arn] = token;
        return token.Token;
    }

    private async Task<CachedToken> FetchAsync(HttpConnection c, CancellationToken cancellationToken)
    {
        if (c.AuthorizationEndpoint is null || !Uri.TryCreate(c.AuthorizationEndpoint, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            throw new OAuthTokenException($"The connection's AuthorizationEndpoint '{c.AuthorizationEndpoint}' is not an http(s) URL.");
        if (!hosts.Allows(endpoint))
            throw new OAuthTokenException($"The OAuth token endpoint host '{endpoint.Authority}' is not allowed: add it to http.allowedHosts in the configuration file (allowed: {hosts.Describe()}).");

        var form = new List<KeyValuePair<string, string>>();
        if (!c.OAuthParameters.Body.Any(p => p.Key == "grant_type"))
            form.Add(new("grant_type", "client_credentials"));
        form.AddRange(c.OAuthParameters.Body);
        var method = new HttpMethod(c.OAuthMethod);
        var query = new StringBuilder(endpoint.Query.TrimStart('?'));
        foreach (var (key, value) in method == HttpMethod.Get ? c.OAuthParameters.Query.Concat(form) : c.OAuthParameters.Query)
            query.Append(query.Length > 0 ? "&" : string.Empty).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        var uri = new UriBuilder(endpoint) { Query = query.ToString() }.Uri;

        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(c.ClientId + ":" + c.ClientSecret)));
        request.Headers.Accept.ParseAdd("application/json");
        foreach (var (key, value) in c.OAuthParameters.Headers)
            request.Headers.TryAddWithoutValidation(key, value);
        if (method != HttpMethod.Get)
            request.Content = new FormUrlEncodedContent(form);

        using var timeout = new CancellationTokenSource(requestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string body;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new OAuthTokenException($"The OAuth token request to {endpoint} failed: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OAuthTokenException($"The OAuth token request to {endpoint} timed out.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new OAuthTokenException($"The OAuth token endpoint {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            if (!JsonText.TryParse(body, out var parsed, out _) || parsed is not JObject json || json["access_token"] is not JString { Value.Length: > 0 } token)
                throw new OAuthTokenException($"The OAuth token endpoint {endpoint} answered without an access_token.");
            DateTimeOffset? expiresAt = json["expires_in"] switch
            {
                JNumber n => time.GetUtcNow().AddSeconds(n.Value),
                JString s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => time.GetUtcNow().AddSeconds(seconds),
                _ => null,
            };
            return new CachedToken(token.Value, expiresAt, c.Version);
        }
    }

    private sealed record CachedToken(string Token, DateTimeOffset? ExpiresAt, string Version);
}
