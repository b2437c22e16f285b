using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Events;

/// <summary>
/// EventBridge connections (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateConnection.html):
/// CreateConnection, DescribeConnection, UpdateConnection, ListConnections, DeleteConnection, DeauthorizeConnection.
/// The secrets (API key value, password, client secret, secret parameters) are kept in the store and never answered;
/// the HTTP Task reads them through <see cref="GetConnectionAsync"/>. A connection is AUTHORIZED once created
/// (an OAuth token is fetched when a Task first uses it).
/// </summary>
public sealed partial class EventBridgeService
{
    private const string Authorized = "AUTHORIZED";
    private const string Deauthorized = "DEAUTHORIZED";
    private static readonly string[] AuthorizationTypes = ["BASIC", "OAUTH_CLIENT_CREDENTIALS", "API_KEY"];
    private static readonly string[] ConnectionStates = ["CREATING", "UPDATING", "DELETING", "AUTHORIZED", "DEAUTHORIZED", "AUTHORIZING", "DEAUTHORIZING", "ACTIVE", "FAILED_CONNECTIVITY"];

    private readonly ConcurrentDictionary<string, JObject> _connections = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _connectionLock = new(1, 1);
    private volatile bool _connectionsLoaded;
    private long _connectionsLoadedAt;

    /// <summary>How old the connections a Task uses may be: another node sharing the store may have changed them.</summary>
    private static readonly TimeSpan ConnectionsMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>The connection with that ARN, secrets included (CreateConnection's members plus ConnectionArn, ConnectionState, LastModifiedTime); null if none.</summary>
    public async ValueTask<JObject?> GetConnectionAsync(string connectionArn, CancellationToken cancellationToken = default)
    {
        await LoadConnectionsAsync(ConnectionsMaxAge, cancellationToken).ConfigureAwait(false);
        var name = ConnectionName(connectionArn);
        return name is not null && _connections.TryGetValue(name, out var c) && Str(c, "ConnectionArn") == connectionArn ? c : null;
    }

    private ValueTask<JValue> InvokeConnectionOrRuleOperation(string operation, JObject input, CancellationToken ct) => operation switch
    {
        "CreateConnection" => CreateConnectionAsync(input, ct),
        "DescribeConnection" => DescribeConnectionAsync(input, ct),
        "UpdateConnection" => UpdateConnectionAsync(input, ct),
        "ListConnections" => ListConnectionsAsync(input, ct),
        "DeleteConnection" => DeleteConnectionAsync(input, ct),
        "DeauthorizeConnection" => DeauthorizeConnectionAsync(input, ct),
        _ => InvokeRuleOperationAsync(operation, input, ct),
    };

    /// <summary>
    /// Reads the connections from the store when they were read longer than <paramref name="maxAge"/> ago (the operations
    /// pass zero: every time, as another node sharing the store may have changed them).
    /// </summary>
    private async ValueTask LoadConnectionsAsync(TimeSpan maxAge, CancellationToken ct)
    {
        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (_connectionsLoaded && (_options.ConnectionStore is null || now - Interlocked.Read(ref _connectionsLoadedAt) < (long)maxAge.TotalMilliseconds))
            return;
        await _connectionLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_options.ConnectionStore is { } store)
            {
                if (!_connectionsLoaded)
                    await store.InitializeAsync(ct).ConfigureAwait(false);
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var record in await store.ListConnectionsAsync(ct).ConfigureAwait(false))
                {
                    names.Add(record.Name);
                    if (JsonText.TryParse(record.Json, out var parsed, out _) && parsed is JObject o)
                        _connections[record.Name] = o;
                }

                foreach (var name in _connections.Keys.Where(n => !names.Contains(n)).ToList())
                    _connections.TryRemove(name, out _);
            }

            Interlocked.Exchange(ref _connectionsLoadedAt, now);
            _connectionsLoaded = true;
        }
        finally
        {
            _connectionLock.Release();
        }
    }

    private async ValueTask<JValue> CreateConnectionAsync(JObject input, CancellationToken ct)
    {
        await LoadConnectionsAsync(TimeSpan.Zero, ct).ConfigureAwait(false);
        var name = ConnectionNameInput(input);
        var description = Description(input);
        var type = AwsInput.Required(input, "AuthorizationType", EventBridgeErrors.Missing);
        CheckEnum(type, "authorizationType", AuthorizationTypes);
        if (input["AuthParameters"] is not JObject auth)
            throw EventBridgeErrors.Missing("AuthParameters");
        CheckAuth(type, auth);

        var now = Epoch(_options.TimeProvider.GetUtcNow());
        var arn = $"arn:aws:events:{_options.Region}:{_options.AccountId}:connection/{name}/{Guid.NewGuid()}";
        var b = new JObjectBuilder(9)
            .AddUnique("Name", JValue.FromString(name))
            .AddUnique("ConnectionArn", JValue.FromString(arn));
        if (description is not null)
            b.AddUnique("Description", JValue.FromString(description));
        var connection = b.AddUnique("AuthorizationType", JValue.FromString(type))
            .AddUnique("AuthParameters", auth)
            .AddUnique("ConnectionState", JValue.FromString(Authorized))
            .AddUnique("CreationTime", now)
            .AddUnique("LastModifiedTime", now)
            .AddUnique("LastAuthorizedTime", now)
            .Build();

        await _connectionLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_connections.ContainsKey(name))
                throw new AwsServiceException("ResourceAlreadyExistsException", $"Connection {name} already exists.");
            await SaveConnectionAsync(connection, ct).ConfigureAwait(false);
        }
        finally
        {
            _connectionLock.Release();
        }

        return Summary(connection, Authorized, withLastAuthorized: false);
    }

    private async ValueTask<JValue> DescribeConnectionAsync(JObject input, CancellationToken ct)
    {
        var c = await RequireConnectionAsync(input, ct).ConfigureAwait(false);
        var b = new JObjectBuilder(11)
            .AddUnique("ConnectionArn", c["ConnectionArn"]!)
            .AddUnique("Name", c["Name"]!);
        if (c["Description"] is { } description)
            b.AddUnique("Description", description);
        var arn = Str(c, "ConnectionArn")!;
        var idPart = arn[(arn.IndexOf(":connection/", StringComparison.Ordinal) + ":connection/".Length)..];
        b.AddUnique("ConnectionState", c["ConnectionState"]!)
            .AddUnique("AuthorizationType", c["AuthorizationType"]!)
            .AddUnique("SecretArn", JValue.FromString($"arn:aws:secretsmanager:{_options.Region}:{_options.AccountId}:secret:events!connection/{idPart}"))
            .AddUnique("AuthParameters", PublicAuth(c["AuthParameters"] as JObject ?? JObject.Empty))
            .AddUnique("CreationTime", c["CreationTime"]!)
            .AddUnique("LastModifiedTime", c["LastModifiedTime"]!);
        if (c["LastAuthorizedTime"] is { } authorized)
            b.AddUnique("LastAuthorizedTime", authorized);
        return b.Build();
    }

    private async ValueTask<JValue> UpdateConnectionAsync(JObject input, CancellationToken ct)
    {
        await LoadConnectionsAsync(TimeSpan.Zero, ct).ConfigureAwait(false);
        var name = ConnectionNameInput(input);
        var description = Description(input);
        var type = AwsInput.String(input, "AuthorizationType");
        if (type is not null)
            CheckEnum(type, "authorizationType", AuthorizationTypes);
        var given = input["AuthParameters"] as JObject;

        return await ChangeConnectionAsync(name, async c =>
        {
            var newType = type ?? Str(c, "AuthorizationType")!;
            var auth = c["AuthParameters"] as JObject ?? JObject.Empty;
            if (type is not null && type != Str(c, "AuthorizationType"))
                auth = Without(auth, "ApiKeyAuthParameters", "BasicAuthParameters", "OAuthParameters");
            if (given is not null)
                auth = Merge(auth, given);
            CheckAuth(newType, auth);
            var now = Epoch(_options.TimeProvider.GetUtcNow());
            var updated = c.With("AuthorizationType", JValue.FromString(newType))
                .With("AuthParameters", auth)
                .With("LastModifiedTime", now);
            if (description is not null)
                updated = updated.With("Description", JValue.FromString(description));
            if (given is not null || type is not null)
                updated = updated.With("ConnectionState", JValue.FromString(Authorized)).With("LastAuthorizedTime", now);
            await SaveConnectionAsync(updated, ct).ConfigureAwait(false);
            return Summary(updated, Str(updated, "ConnectionState")!, withLastAuthorized: true);
        }, ct).ConfigureAwait(false);
    }

    private async ValueTask<JValue> ListConnectionsAsync(JObject input, CancellationToken ct)
    {
        await LoadConnectionsAsync(TimeSpan.Zero, ct).ConfigureAwait(false);
        var prefix = AwsInput.String(input, "NamePrefix") ?? string.Empty;
        var state = AwsInput.String(input, "ConnectionState");
        if (state is not null)
            CheckEnum(state, "connectionState", ConnectionStates);
        var limit = EventBridgePaging.Limit(input);
        var after = string.Empty;
        if (AwsInput.String(input, "NextToken") is { } token)
            after = DecodeConnectionToken(token);
        var names = _connections
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(p.Key, after) > 0 && (state is null || Str(p.Value, "ConnectionState") == state))
            .Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var page = new List<JValue>();
        foreach (var n in names.Take(limit))
        {
            var c = _connections[n];
            var item = new JObjectBuilder(7)
                .AddUnique("ConnectionArn", c["ConnectionArn"]!)
                .AddUnique("Name", c["Name"]!)
                .AddUnique("ConnectionState", c["ConnectionState"]!)
                .AddUnique("AuthorizationType", c["AuthorizationType"]!)
                .AddUnique("CreationTime", c["CreationTime"]!)
                .AddUnique("LastModifiedTime", c["LastModifiedTime"]!);
            if (c["LastAuthorizedTime"] is { } authorized)
                item.AddUnique("LastAuthorizedTime", authorized);
            page.Add(item.Build());
        }

        var output = new JObjectBuilder(2).AddUnique("Connections", JArray.Own([.. page]));
        if (names.Count > limit)
            output.AddUnique("NextToken", JValue.FromString(Convert.ToBase64String(Encoding.UTF8.GetBytes("connection:" + names[limit - 1]))));
        return output.Build();
    }

    private async ValueTask<JValue> DeleteConnectionAsync(JObject input, CancellationToken ct)
    {
        await LoadConnectionsAsync(TimeSpan.Zero, ct).ConfigureAwait(false);
        var name = ConnectionNameInput(input);
        return await ChangeConnectionAsync(name, async c =>
        {
            if (_options.ConnectionStore is { } store)
                await store.DeleteConnectionAsync(name, ct).ConfigureAwait(false);
            _connections.TryRemove(name, out _);
            return Summary(c, "DELETING", withLastAuthorized: true);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Removes the connection's authorization secrets; Tasks using it fail until UpdateConnection authorizes it again.</summary>
    private async ValueTask<JValue> DeauthorizeConnectionAsync(JObject input, CancellationToken ct)
    {
        await LoadConnectionsAsync(TimeSpan.Zero, ct).ConfigureAwait(false);
        return await ChangeConnectionAsync(ConnectionNameInput(input), async c =>
        {
            var updated = c.With("ConnectionState", JValue.FromString(Deauthorized)).With("LastModifiedTime", Epoch(_options.TimeProvider.GetUtcNow()));
            await SaveConnectionAsync(updated, ct).ConfigureAwait(false);
            return Summary(updated, "DEAUTHORIZING", withLastAuthorized: true);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="change"/> on the named connection under the connection lock; ResourceNotFoundException when there is none.</summary>
    private async Task<JValue> ChangeConnectionAsync(string name, Func<JObject, Task<JValue>> change, CancellationToken ct)
    {
        await _connectionLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await change(_connections.TryGetValue(name, out var c) ? c : throw ConnectionNotFound(name)).ConfigureAwait(false);
        }
        finally
        {
            _connectionLock.Release();
        }
    }

    private async ValueTask<JObject> RequireConnectionAsync(JObject input, CancellationToken ct)
    {
        await LoadConnectionsAsync(TimeSpan.Zero, ct).ConfigureAwait(false);
        var name = ConnectionNameInput(input);
        return _connections.TryGetValue(name, out var c) ? c : throw ConnectionNotFound(name);
    }

    private async Task SaveConnectionAsync(JObject connection, CancellationToken ct)
    {
        var name = Str(connection, "Name")!;
        if (_options.ConnectionStore is { } store)
            await store.PutConnectionAsync(new ConnectionRecord { Name = name, Arn = Str(connection, "ConnectionArn")!, Json = JsonText.Serialize(connection) }, ct).ConfigureAwait(false);
        _connections[name] = connection;
    }

    private static JObject Summary(JObject c, string state, bool withLastAuthorized)
    {
        var b = new JObjectBuilder(5)
            .AddUnique("ConnectionArn", c["ConnectionArn"]!)
            .AddUnique("ConnectionState", JValue.FromString(state))
            .AddUnique("CreationTime", c["CreationTime"]!)
            .AddUnique("LastModifiedTime", c["LastModifiedTime"]!);
        if (withLastAuthorized && c["LastAuthorizedTime"] is { } authorized)
            b.AddUnique("LastAuthorizedTime", authorized);
        return b.Build();
    }

    /// <summary>AuthParameters as DescribeConnection answers them: names and non-secret values only.</summary>
    private static JObject PublicAuth(JObject auth)
    {
        var b = new JObjectBuilder(4);
        if (auth["ApiKeyAuthParameters"] is JObject apiKey)
            b.AddUnique("ApiKeyAuthParameters", Only(apiKey, "ApiKeyName"));
        if (auth["BasicAuthParameters"] is JObject basic)
            b.AddUnique("BasicAuthParameters", Only(basic, "Username"));
        if (auth["OAuthParameters"] is JObject oauth)
        {
            var o = new JObjectBuilder(4);
            if (oauth["ClientParameters"] is JObject client)
                o.AddUnique("ClientParameters", Only(client, "ClientID"));
            if (oauth["AuthorizationEndpoint"] is { } endpoint)
                o.AddUnique("AuthorizationEndpoint", endpoint);
            if (oauth["HttpMethod"] is { } method)
                o.AddUnique("HttpMethod", method);
            if (oauth["OAuthHttpParameters"] is JObject parameters)
                o.AddUnique("OAuthHttpParameters", PublicParameters(parameters));
            b.AddUnique("OAuthParameters", o.Build());
        }

        if (auth["InvocationHttpParameters"] is JObject invocation)
            b.AddUnique("InvocationHttpParameters", PublicParameters(invocation));
        return b.Build();
    }

    private static JObject PublicParameters(JObject parameters)
    {
        var b = new JObjectBuilder(3);
        foreach (var list in (ReadOnlySpan<string>)["HeaderParameters", "QueryStringParameters", "BodyParameters"])
        {
            if (parameters[list] is not JArray items)
                continue;
            b.AddUnique(list, JArray.Own([.. items.Select(i => i is JObject p && p["IsValueSecret"] is JBool { Kind: JKind.True } ? (JValue)p.Without("Value") : i)]));
        }

        return b.Build();
    }

    private static JObject Only(JObject o, string member) =>
        o[member] is { } value ? new JObjectBuilder(1).AddUnique(member, value).Build() : JObject.Empty;

    private static JObject Without(JObject o, params ReadOnlySpan<string> members)
    {
        foreach (var m in members)
            o = o.Without(m);
        return o;
    }

    /// <summary>UpdateConnection's AuthParameters over the stored ones: objects merge member by member, anything else replaces.</summary>
    private static JObject Merge(JObject current, JObject given)
    {
        var result = current;
        foreach (var (key, value) in given)
            result = result.With(key, value is JObject g && current[key] is JObject c ? Merge(c, g) : value);
        return result;
    }

    private static void CheckAuth(string type, JObject auth)
    {
        var (member, required) = type switch
        {
            "API_KEY" => ("ApiKeyAuthParameters", new[] { "ApiKeyName", "ApiKeyValue" }),
            "BASIC" => ("BasicAuthParameters", new[] { "Username", "Password" }),
            _ => ("OAuthParameters", new[] { "AuthorizationEndpoint", "HttpMethod" }),
        };
        if (auth[member] is not JObject p)
            throw EventBridgeErrors.Validation($"{member} must be specified for authorization type {type}.");
        foreach (var r in required)
        {
            if (p[r] is not JString { Value.Length: > 0 and <= 2048 })
                throw EventBridgeErrors.Validation($"1 validation error detected: Value null at 'authParameters.{Camel(member)}.{Camel(r)}' failed to satisfy constraint: Member must not be null");
        }

        if (type == "OAUTH_CLIENT_CREDENTIALS")
        {
            if (p["ClientParameters"] is not JObject client || client["ClientID"] is not JString || client["ClientSecret"] is not JString)
                throw EventBridgeErrors.Validation("1 validation error detected: Value null at 'authParameters.oAuthParameters.clientParameters' failed to satisfy constraint: Member must not be null");
            CheckEnum(Str(p, "HttpMethod")!, "authParameters.oAuthParameters.httpMethod", ["GET", "POST", "PUT"]);
            if (!Uri.TryCreate(Str(p, "AuthorizationEndpoint"), UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
                throw EventBridgeErrors.Validation("Parameter AuthorizationEndpoint is not valid. Reason: it must be an absolute https URL.");
        }
    }

    private static string Camel(string member) => member.StartsWith("OAuth", StringComparison.Ordinal) ? "oAuth" + member[5..] : char.ToLowerInvariant(member[0]) + member[1..];

    private static void CheckEnum(string value, string member, string[] allowed)
    {
        if (Array.IndexOf(allowed, value) < 0)
            throw EventBridgeErrors.Validation($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
    }

    private static string ConnectionNameInput(JObject input)
    {
        var name = AwsInput.Required(input, "Name", EventBridgeErrors.Missing);
        if (name.Length > 64 || !ConnectionNameRegex().IsMatch(name))
            throw EventBridgeErrors.Validation($"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
        return name;
    }

    private static string? Description(JObject input)
    {
        var description = AwsInput.String(input, "Description");
        if (description is { Length: > 512 })
            throw EventBridgeErrors.Validation("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 512");
        return description;
    }

    private static AwsServiceException ConnectionNotFound(string name) =>
        new("ResourceNotFoundException", $"Failed to describe the connection(s). Connection '{name}' does not exist.");

    /// <summary>The name in arn:aws:events:REGION:ACCOUNT:connection/NAME/ID.</summary>
    private static string? ConnectionName(string arn)
    {
        const string marker = ":connection/";
        var at = arn.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            return null;
        var rest = arn[(at + marker.Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? null : rest[..slash];
    }

    private static string DecodeConnectionToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("connection:", StringComparison.Ordinal))
                return text["connection:".Length..];
        }
        catch (FormatException)
        {
            // answered below
        }

        throw EventBridgeErrors.Validation("The NextToken provided is invalid.");
    }

    private static string? Str(JObject o, string member) => o[member] is JString s ? s.Value : null;

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]+$")]
    private static partial Regex ConnectionNameRegex();
}
