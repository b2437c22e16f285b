using Quickstep.Json;

namespace Quickstep.Integrations.Http;

/// <summary>An EventBridge connection as the HTTP Task uses it: how it authorizes and what it adds to every request.</summary>
internal sealed record HttpConnection
{
    public const string ApiKey = "API_KEY";
    public const string Basic = "BASIC";
    public const string OAuthClientCredentials = "OAUTH_CLIENT_CREDENTIALS";

    public required string Arn { get; init; }

    public required string State { get; init; }

    public required string AuthorizationType { get; init; }

    /// <summary>Changes whenever the connection is updated (a cached OAuth token of an older version is not used).</summary>
    public required string Version { get; init; }

    public string? ApiKeyName { get; init; }

    public string? ApiKeyValue { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public string? AuthorizationEndpoint { get; init; }

    public string OAuthMethod { get; init; } = "POST";

    public HttpParameters OAuthParameters { get; init; } = HttpParameters.None;

    public HttpParameters InvocationParameters { get; init; } = HttpParameters.None;

    /// <summary>Reads the object an <see cref="IHttpConnectionSource"/> gives (CreateConnection's request members).</summary>
    public static HttpConnection From(JObject c)
    {
        var auth = c["AuthParameters"] as JObject ?? JObject.Empty;
        var apiKey = auth["ApiKeyAuthParameters"] as JObject;
        var basic = auth["BasicAuthParameters"] as JObject;
        var oauth = auth["OAuthParameters"] as JObject;
        var client = oauth?["ClientParameters"] as JObject;
        return new HttpConnection
        {
            Arn = Text(c, "ConnectionArn") ?? string.Empty,
            State = Text(c, "ConnectionState") ?? "AUTHORIZED",
            AuthorizationType = Text(c, "AuthorizationType") ?? string.Empty,
            Version = c["LastModifiedTime"] is { } v ? JsonText.Serialize(v) : string.Empty,
            ApiKeyName = apiKey is null ? null : Text(apiKey, "ApiKeyName"),
            ApiKeyValue = apiKey is null ? null : Text(apiKey, "ApiKeyValue"),
            Username = basic is null ? null : Text(basic, "Username"),
            Password = basic is null ? null : Text(basic, "Password"),
            ClientId = client is null ? null : Text(client, "ClientID"),
            ClientSecret = client is null ? null : Text(client, "ClientSecret"),
            AuthorizationEndpoint = oauth is null ? null : Text(oauth, "AuthorizationEndpoint"),
            OAuthMethod = (oauth is null ? null : Text(oauth, "HttpMethod")) ?? "POST",
            OAuthParameters = HttpParameters.From(oauth?["OAuthHttpParameters"] as JObject),
            InvocationParameters = HttpParameters.From(auth["InvocationHttpParameters"] as JObject),
        };
    }

    private static string? Text(JObject o, string member) => o[member] is JString s ? s.Value : null;
}
