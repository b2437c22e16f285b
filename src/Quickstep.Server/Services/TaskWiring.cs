using Quickstep.Aws;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Http;
using Quickstep.Integrations.States;
using Quickstep.Server.Hosting;
using Quickstep.Services.Events;

namespace Quickstep.Server.Services;

/// <summary>
/// The Task integrations this server adds after the AWS service ones: the HTTP Task (the hosts the configuration file
/// allows, the local EventBridge's connections) and nested workflows on this server's Step Functions API.
/// </summary>
internal static class TaskWiring
{
    public static IEnumerable<IResourceHandler> Handlers(QuickstepServerOptions options, QuickstepConfig config, EventBridgeService events, IReadOnlyDictionary<string, IAwsService> services)
    {
        yield return new HttpInvokeHandler(new HttpInvokeOptions
        {
            AllowedHosts = config.Http.AllowedHosts,
            Connections = new EventBridgeConnections(events),
            TimeProvider = options.TimeProvider,
            Region = options.Region,
        });
        if (services.TryGetValue("states", out var stepFunctions))
            yield return new StepFunctionsResourceHandler(stepFunctions);
    }
}
