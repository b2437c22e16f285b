using Quickstep.Engine;
using Quickstep.Storage;

namespace Quickstep.Server.Hosting;

/// <summary>An execution running in this process: its stop signal (through the engine), the history so far and its end.</summary>
internal sealed class RunningExecution : IDisposable
{
    private readonly TaskCompletionSource<ExecutionRecord> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ExecutionStop Stop { get; } = new();

    public CollectingHistorySink Sink { get; } = new();

    /// <summary>The final record, once the execution ended (whatever ended it).</summary>
    public Task<ExecutionRecord> Finished => _finished.Task;

    public void Finish(ExecutionRecord final) => _finished.TrySetResult(final);

    /// <summary>The run ended without a final record (host shutdown: it stays queued).</summary>
    public void Abandon() => _finished.TrySetCanceled();

    public void Dispose() => Stop.Dispose();
}
