namespace Quickstep.Aws.Hosting;

/// <summary>
/// Wakes a background loop that sleeps between rounds (the scheduler's, the rule scheduler's, the cluster
/// heartbeat). <see cref="Set"/> ends the wait on the token <see cref="Arm"/> last gave; once set, that token
/// stays cancelled until the loop arms again, so a loop that arms before its round's work and waits after it
/// never misses a wake that came while it worked. Safe from any thread, and after <see cref="Dispose"/>
/// (a wake then does nothing).
/// </summary>
public sealed class WakeSignal : IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _source = new();
    private bool _disposed;

    /// <summary>Ends the loop's current wait, or its next one if it is not waiting.</summary>
    public void Set()
    {
        lock (_gate)
        {
            if (!_disposed)
                _source.Cancel();
        }
    }

    /// <summary>The token the loop's next wait ends on: the same one until a wake, a fresh one after it.</summary>
    public CancellationToken Arm()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_source.IsCancellationRequested)
            {
                _source.Dispose();
                _source = new CancellationTokenSource();
            }

            return _source.Token;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _source.Dispose();
        }
    }
}
