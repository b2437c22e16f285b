using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Hosting;

/// <summary>Log messages of the configuration file's effects (ids 100–109, apart from the server's own).</summary>
internal static partial class ConfigLog
{
    [LoggerMessage(100, LogLevel.Information, "Resource ready: {Resource}")]
    public static partial void ResourceReady(ILogger logger, string resource);

    [LoggerMessage(101, LogLevel.Information, "Task calls to {Service} are forwarded to {Endpoint} ({Region})")]
    public static partial void Forwarding(ILogger logger, string service, string endpoint, string region);
}
