using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quickstep.Aws.Targets;
using Quickstep.Services.Events;

namespace Quickstep.Server.Services;

/// <summary>Starts EventBridge rule delivery once the server's targets are reachable and stops it with the host.</summary>
internal static partial class RuleWiring
{
    public static void Start(EventBridgeService eventBridge, ITargetInvoker targets, IHostApplicationLifetime lifetime, ILogger logger)
    {
        eventBridge.StartDelivery(targets, (message, e) => DeliveryFailed(logger, message, e));
        lifetime.ApplicationStopping.Register(eventBridge.BeginStopDelivery);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "EventBridge: {Message}")]
    private static partial void DeliveryFailed(ILogger logger, string message, Exception e);
}
