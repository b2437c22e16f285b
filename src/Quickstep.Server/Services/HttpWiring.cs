using Quickstep.Integrations.Http;
using Quickstep.Server.Hosting;
using Quickstep.Services.Events;

namespace Quickstep.Server.Services;

/// <summary>The HTTP Task on this server: the hosts the configuration file allows, the local EventBridge's connections.</summary>
internal static class HttpWiring
{
    public static HttpInvokeHandler Create(QuickstepServerOptions options, QuickstepConfig config, EventBridgeService events) => new(new HttpInvokeOptions
    {
        AllowedHosts = config.Http.AllowedHosts,
        Connections = new EventBridgeConnections(events),
        TimeProvider = options.TimeProvider,
        Region = options.Region,
    });
}
