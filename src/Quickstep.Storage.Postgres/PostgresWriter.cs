using System.Threading.Channels;
using Npgsql;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// Group commit for the executions' writes: one loop takes what is queued (up to <see cref="MaxBatch"/>, and only
/// as long as <see cref="PostgresWriteBatch.Admits"/> it) and commits it in one round trip and one transaction
/// (<see cref="PostgresWriteBatch"/>): as if committed one by one in the order queued, with the usage counters
/// counting each execution whose final record replaced its RUNNING one (an execution another node ended first is
/// not counted twice). A failed batch is retried write by write so that only the faulty write fails. Reads wait for
/// <see cref="BarrierAsync"/>: what was queued before them has committed.
/// </summary>
internal sealed class PostgresWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    /// <summary>Writes queued past this make write-behind callers wait for their own commit.</summary>
    private const int MaxBehind = 20_000;

    private readonly NpgsqlDataSource _source;
    private readonly Channel<PostgresWrite> _channel = Channel.CreateUnbounded<PostgresWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _gate = new();
    private readonly Task _loop;
    private Task _last = Task.CompletedTask;
    private int _queued;

    public PostgresWriter(NpgsqlDataSource source)
    {
        _source = source;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Queues a write; the task completes with its result once committed.</summary>
    public Task<bool> WriteAsync(PostgresWrite write)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(!_channel.Writer.TryWrite(write), this);
            _last = write.Done.Task;
            Interlocked.Increment(ref _queued);
        }

        return write.Done.Task;
    }

    /// <summary>Queues a write nobody waits for, unless the writer is too far behind (then the task is its commit).</summary>
    public Task WriteBehind(PostgresWrite write)
    {
        var done = WriteAsync(write);
        return Volatile.Read(ref _queued) > MaxBehind ? done : Task.CompletedTask;
    }

    /// <summary>Completes once everything queued so far committed (or failed).</summary>
    public Task BarrierAsync()
    {
        var last = Volatile.Read(ref _last);
        return last.IsCompleted ? Task.CompletedTask : last.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task LoopAsync()
    {
        var batch = new List<PostgresWrite>(MaxBatch);
        var executions = new Dictionary<string, bool>(StringComparer.Ordinal);
        PostgresWrite? next = null; // read, but for the next batch (its execution is in this one already)
        while (next is not null || await _channel.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (next is not null)
            {
                _ = PostgresWriteBatch.Admits(executions, next); // an empty batch admits any write
                batch.Add(next);
                next = null;
            }

            while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var w))
            {
                if (!PostgresWriteBatch.Admits(executions, w))
                {
                    next = w;
                    break;
                }

                batch.Add(w);
            }

            if (batch.Count == 0)
                continue;
            try
            {
                Complete(batch, await PostgresWriteBatch.CommitAsync(_source, batch).ConfigureAwait(false));
            }
#pragma warning disable CA1031 // a failed batch is retried write by write; each failure goes to its own caller.
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var w in batch)
                {
                    try
                    {
                        Complete([w], await PostgresWriteBatch.CommitAsync(_source, [w]).ConfigureAwait(false));
                    }
                    catch (Exception e)
                    {
                        Fail(w, e);
                    }
                }
            }
            catch (Exception e)
            {
                Fail(batch[0], e);
            }
#pragma warning restore CA1031

            Interlocked.Add(ref _queued, -batch.Count);
            batch.Clear();
            executions.Clear();
        }
    }

    private static void Complete(List<PostgresWrite> writes, bool[] results)
    {
        for (var i = 0; i < writes.Count; i++)
            writes[i].Done.TrySetResult(results[i]);
    }

    private static void Fail(PostgresWrite write, Exception e)
    {
        write.OnError?.Invoke(e);
        write.Done.TrySetException(e);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
            _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
