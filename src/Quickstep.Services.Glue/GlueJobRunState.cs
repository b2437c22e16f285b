namespace Quickstep.Services.Glue;

/// <summary>The JobRunState values Quickstep uses.</summary>
internal static class GlueJobRunState
{
    public const string Starting = "STARTING";
    public const string Running = "RUNNING";
    public const string Stopping = "STOPPING";
    public const string Stopped = "STOPPED";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Timeout = "TIMEOUT";
    public const string Error = "ERROR";

    /// <summary>A run that still holds (or is about to hold) a process and counts against MaxConcurrentRuns.</summary>
    public static bool IsActive(string state) => state is Starting or Running or Stopping;
}
