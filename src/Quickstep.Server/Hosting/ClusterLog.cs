using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Hosting;

/// <summary>Log messages of the nodes sharing a store (leases, takeovers, leadership).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(1701, LogLevel.Information, "Took over {Count} execution(s) of node(s) whose lease expired; running them again")]
    public static partial void TookOver(ILogger logger, int count);

    [LoggerMessage(1702, LogLevel.Information, "Aborted {Count} synchronous execution(s) of node(s) whose lease expired")]
    public static partial void AbortedSync(ILogger logger, int count);

    [LoggerMessage(1703, LogLevel.Warning, "The heartbeat of this node's leases failed; retrying")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(1704, LogLevel.Information, "This node {Change} the leader lease '{Lease}'")]
    public static partial void Leadership(ILogger logger, string change, string lease);
}
