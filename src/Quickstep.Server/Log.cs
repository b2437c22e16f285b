using Microsoft.Extensions.Logging;

namespace Quickstep.Server;

/// <summary>Source-generated log messages (free when the level is off).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Quickstep listening on {Url} (database {Database})")]
    public static partial void Listening(ILogger logger, string url, string database);

    [LoggerMessage(2, LogLevel.Information, "Recovered {Count} accepted execution(s) from the queue; running them again")]
    public static partial void Recovered(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Error, "Execution {ExecutionArn} could not be run")]
    public static partial void ExecutionCrashed(ILogger logger, string executionArn, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "Unhandled error in {Operation}")]
    public static partial void OperationCrashed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Quickstep listens on {Host}, beyond loopback, WITHOUT credentials: anyone who can reach this address can read every execution and start workflows. Give --credentials ID:SECRET (or 'credentials' in the configuration file) to require signed requests.")]
    public static partial void OpenWithoutCredentials(ILogger logger, string host);

    [LoggerMessage(6, LogLevel.Error, "An execution's write-behind to the store failed; its record may be missing or stale")]
    public static partial void WriteBehindFailed(ILogger logger, Exception exception);

    [LoggerMessage(1801, LogLevel.Error, "Execution {ExecutionArn} was interrupted by a restart {Attempts} times after it was run again; it ends FAILED instead of running again (poison detection)")]
    public static partial void PoisonExecution(ILogger logger, string executionArn, int attempts);
}
