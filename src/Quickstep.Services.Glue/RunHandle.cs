namespace Quickstep.Services.Glue;

/// <summary>What the service holds for a run whose process may still be alive: how to end it, and why it was ended.</summary>
internal sealed class RunHandle : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public CancellationToken Token => _cancel.Token;

    /// <summary>Why the process was ended early: BatchStopJobRun, DeleteJob, or the server stopping.</summary>
    public RunEnd End { get; private set; }

    public Task Completion { get; set; } = Task.CompletedTask;

    public void Stop() => Cancel(RunEnd.Stopped);

    public void Delete() => Cancel(RunEnd.Deleted);

    public void Shutdown() => Cancel(RunEnd.Shutdown);

    public void Dispose() => _cancel.Dispose();

    private void Cancel(RunEnd end)
    {
        if (End == RunEnd.None)
            End = end;
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run already finished.
        }
    }
}
