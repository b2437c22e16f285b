using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Services.Lambda;

/// <summary>The Lambda wiring's log messages.</summary>
internal static partial class LambdaLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Asynchronous invocation of {Function} failed: {Error}")]
    public static partial void AsyncFailed(ILogger logger, string function, string error);

    [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "Asynchronous invocation {RequestId} of {Function} failed (attempt {Attempt} of {Attempts}), retrying in {Seconds} s: {Error}")]
    public static partial void AsyncRetrying(ILogger logger, string requestId, string function, int attempt, int attempts, int seconds, string error);

    [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "Asynchronous invocation {RequestId} of {Function} dropped after {Attempts} attempt(s) (no onFailure destination): {Error}")]
    public static partial void AsyncDropped(ILogger logger, string requestId, string function, int attempts, string error);

    [LoggerMessage(EventId = 46, Level = LogLevel.Warning, Message = "Asynchronous invocation {RequestId} of {Function} failed after {Attempts} attempt(s); its record went to {Destination}")]
    public static partial void AsyncToDestination(ILogger logger, string requestId, string function, int attempts, string destination);

    [LoggerMessage(EventId = 47, Level = LogLevel.Error, Message = "Asynchronous invocation {RequestId} of {Function}: its on-failure destination {Destination} refused the record, dropped: {Error}")]
    public static partial void DestinationFailed(ILogger logger, string requestId, string function, string destination, string error);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Lambda's asynchronous invocation queue failed: {Error}")]
    public static partial void QueueFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "[{Function}] {Line}")]
    public static partial void FunctionOutput(ILogger logger, string function, string line);

    [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "Lambda function ready: {Function} ({Kind})")]
    public static partial void FunctionReady(ILogger logger, string function, Quickstep.Integrations.Functions.FunctionKind kind);
}
