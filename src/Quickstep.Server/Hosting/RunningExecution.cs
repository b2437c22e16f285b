namespace Quickstep.Server.Hosting;

/// <summary>An execution running in this process: its abort switch and the history so far.</summary>
internal sealed class RunningExecution : IDisposable
{
    private volatile bool _stopRequested;

    public RunningExecution(CancellationToken host) => Cancellation = CancellationTokenSource.CreateLinkedTokenSource(host);

    public CancellationTokenSource Cancellation { get; }

    public CollectingHistorySink Sink { get; } = new();

    public bool StopRequested => _stopRequested;

    public string? StopError { get; private set; }

    public string? StopCause { get; private set; }

    /// <summary>StopExecution: abort with the caller's error and cause.</summary>
    public void Stop(string? error, string? cause)
    {
        StopError = error;
        StopCause = cause;
        _stopRequested = true;
        Cancellation.Cancel();
    }

    public void Dispose() => Cancellation.Dispose();
}
