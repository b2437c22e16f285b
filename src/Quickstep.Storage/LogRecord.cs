namespace Quickstep.Storage;

/// <summary>One Express log record (AWS's CloudWatch JSON shape) of an execution.</summary>
public sealed record LogRecord(long Id, DateTimeOffset Timestamp, string Json);
