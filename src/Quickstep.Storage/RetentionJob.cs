namespace Quickstep.Storage;

/// <summary>Purges executions older than the retention period, now and then every interval, on the injected clock.</summary>
public sealed class RetentionJob
{
    private readonly IQuickstepStore _store;
    private readonly RetentionOptions _options;
    private readonly TimeProvider _time;

    public RetentionJob(IQuickstepStore store, RetentionOptions options, TimeProvider time)
    {
        _store = store;
        _options = options;
        _time = time;
    }

    /// <summary>One purge: deletes what stopped before now − period; returns how many executions went.</summary>
    public Task<int> PurgeOnceAsync(CancellationToken cancellationToken = default) =>
        _store.PurgeExecutionsAsync(_time.GetUtcNow() - _options.Period, cancellationToken);

    /// <summary>Purges at once and then every <see cref="RetentionOptions.Interval"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await PurgeOnceAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(_options.Interval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
    }
}
