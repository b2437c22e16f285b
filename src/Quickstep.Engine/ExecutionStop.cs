namespace Quickstep.Engine;

/// <summary>
/// Stops one running execution from outside (StopExecution): pass it in <see cref="ExecutionOptions.Stop"/>;
/// after <see cref="Request"/> the execution ends ABORTED and its ExecutionAborted event and result carry
/// the error and cause given here.
/// </summary>
public sealed class ExecutionStop : IDisposable
{
    private readonly CancellationTokenSource _signal = new();
    private int _requested;

    /// <summary>The error given to <see cref="Request"/> (null for none).</summary>
    public string? Error { get; private set; }

    /// <summary>The cause given to <see cref="Request"/> (null for none).</summary>
    public string? Cause { get; private set; }

    public bool IsRequested => Volatile.Read(ref _requested) != 0;

    internal CancellationToken Token => _signal.Token;

    /// <summary>Asks the execution to stop; the first request's error and cause are kept, later ones are ignored.</summary>
    public void Request(string? error = null, string? cause = null)
    {
        if (Interlocked.Exchange(ref _requested, 1) != 0)
            return;
        Error = error;
        Cause = cause;
        _signal.Cancel();
    }

    public void Dispose() => _signal.Dispose();
}
