using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Services.Lambda;

/// <summary>The Lambda wiring's log messages.</summary>
internal static partial class LambdaLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Asynchronous invocation of {Function} failed: {Error}")]
    public static partial void AsyncFailed(ILogger logger, string function, string error);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Lambda's asynchronous invocation queue failed: {Error}")]
    public static partial void QueueFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "[{Function}] {Line}")]
    public static partial void FunctionOutput(ILogger logger, string function, string line);

    [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "Lambda function ready: {Function} ({Kind})")]
    public static partial void FunctionReady(ILogger logger, string function, string kind);
}
