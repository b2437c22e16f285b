using Quickstep.Integrations.Http;
using Quickstep.Json;
using Quickstep.Services.Events;

namespace Quickstep.Server.Services;

/// <summary>The HTTP Task's connections are the local EventBridge's (CreateConnection on this server).</summary>
internal sealed class EventBridgeConnections(EventBridgeService events) : IHttpConnectionSource
{
    public ValueTask<JObject?> GetConnectionAsync(string connectionArn, CancellationToken cancellationToken) =>
        events.GetConnectionAsync(connectionArn, cancellationToken);
}
