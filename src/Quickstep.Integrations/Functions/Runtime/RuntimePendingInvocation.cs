using System.Text;

namespace Quickstep.Integrations.Functions.Runtime;

/// <summary>One invocation of a runtime-worker function, from the call until the worker answers, fails or times out.</summary>
internal sealed class RuntimePendingInvocation(string requestId, byte[] eventBody, LambdaInvocation invocation, Action completed)
{
    /// <summary>LogType Tail returns the last 4 KB of the invocation's log.</summary>
    private const int MaxLogChars = 4096;

    private readonly TaskCompletionSource<LambdaInvocationResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _logEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _log = new();
    private int _done;

    public string RequestId { get; } = requestId;

    public byte[] Event { get; } = eventBody;

    public LambdaInvocation Invocation { get; } = invocation;

    /// <summary>The caller's context (its execution's log scope, its Task span): the worker's output lines for this invocation are logged in it.</summary>
    public ExecutionContext? CallerContext { get; } = ExecutionContext.Capture();

    /// <summary>The caller's span (the Task's), passed to the function as Lambda does: <c>Lambda-Runtime-Trace-Id</c>, i.e. <c>_X_AMZN_TRACE_ID</c>.</summary>
    public System.Diagnostics.Activity? CallerSpan { get; } = System.Diagnostics.Activity.Current;

    public long DeadlineMs { get; set; }

    /// <summary>Fires the timeout; NextAsync restarts it when a worker takes the invocation.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>The worker that took it (null while queued).</summary>
    public RuntimeWorker? Worker { get; set; }

    public Task<LambdaInvocationResult> Result => _result.Task;

    /// <summary>Completes when the worker's bootstrap has written its end-of-invocation marker (or it exited).</summary>
    public Task LogEnded => _logEnded.Task;

    public bool IsCompleted => Volatile.Read(ref _done) != 0;

    /// <summary>The first outcome wins (a response racing a timeout); returns whether this one did.</summary>
    public bool TryComplete(LambdaInvocationResult result)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
            return false;
        completed();
        _result.TrySetResult(result);
        return true;
    }

    public void EndLog() => _logEnded.TrySetResult();

    public void AppendLog(string line)
    {
        if (!Invocation.WantsLog)
            return;
        lock (_log)
        {
            _log.Append(line).Append('\n');
            if (_log.Length > MaxLogChars * 2)
                _log.Remove(0, _log.Length - MaxLogChars);
        }
    }

    /// <summary>The last 4 KB of the log: what X-Amz-Log-Result carries.</summary>
    public string LogTail()
    {
        lock (_log)
            return _log.Length <= MaxLogChars ? _log.ToString() : _log.ToString(_log.Length - MaxLogChars, MaxLogChars);
    }
}
