using Quickstep.Json;

namespace Quickstep.Integrations.Http;

/// <summary>
/// Where the HTTP Task finds the EventBridge connection its <c>ConnectionArn</c> names, secrets included (the host
/// wires the events service to it). The object has CreateConnection's request members (<c>AuthorizationType</c>,
/// <c>AuthParameters</c> with the secrets) plus <c>ConnectionArn</c>, <c>ConnectionState</c> and <c>LastModifiedTime</c>.
/// </summary>
public interface IHttpConnectionSource
{
    /// <returns>The connection, or null when no connection has that ARN.</returns>
    ValueTask<JObject?> GetConnectionAsync(string connectionArn, CancellationToken cancellationToken);
}
