using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Services.S3;

/// <summary>Source-generated log messages of the S3 endpoint.</summary>
internal static partial class S3Log
{
    [LoggerMessage(1101, LogLevel.Error, "Unhandled error in an S3 request")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(1102, LogLevel.Debug, "An S3 client went away: {Reason}")]
    public static partial void ClientGone(ILogger logger, string reason);
}
