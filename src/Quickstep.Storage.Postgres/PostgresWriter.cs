using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// Group commit for the executions' writes: one loop takes what is queued (up to <see cref="MaxBatch"/>) and
/// commits it as one pipelined batch in one transaction, in the order it was queued, with the usage counters
/// summed per state machine (one upsert each, in ARN order so that nodes never deadlock on them) over the writes
/// whose result statement changed a row (an execution another node ended first is not counted twice). A failed
/// batch is retried write by write so that only the faulty write fails. Reads wait for <see cref="BarrierAsync"/>:
/// what was queued before them has committed.
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
        while (await _channel.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var w))
                batch.Add(w);
            try
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a failed batch is retried write by write; each failure goes to its own caller.
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var w in batch)
                {
                    try
                    {
                        await CommitAsync([w]).ConfigureAwait(false);
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
        }
    }

    private static void Fail(PostgresWrite write, Exception e)
    {
        write.OnError?.Invoke(e);
        write.Done.TrySetException(e);
    }

    private async Task CommitAsync(List<PostgresWrite> writes)
    {
        await using var connection = await _source.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var results = new NpgsqlBatchCommand?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var w = writes[i];
            for (var s = 0; s < w.Statements.Count; s++)
            {
                var (sql, args) = w.Statements[s];
#pragma warning disable CA2100 // every statement is a constant of the stores; values go through parameters.
                var command = new NpgsqlBatchCommand(sql);
#pragma warning restore CA2100
                PostgresSql.Bind(command.Parameters, args);
                batch.BatchCommands.Add(command);
                if (s == w.ResultStatement)
                    results[i] = command;
            }
        }

        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        SortedDictionary<string, (long N, long Ms, long MbMs)>? usage = null;
        for (var i = 0; i < writes.Count; i++)
        {
            var w = writes[i];
            if (w.UsageStateMachine is { } sm && Applied(results[i]))
            {
                usage ??= new SortedDictionary<string, (long, long, long)>(StringComparer.Ordinal);
                usage.TryGetValue(sm, out var u);
                usage[sm] = (u.N + 1, u.Ms + w.UsageBilledMs, u.MbMs + w.UsageBilledMbMs);
            }
        }

        if (usage is not null)
        {
            await using var counters = new NpgsqlBatch(connection, transaction);
            foreach (var (sm, u) in usage)
            {
                var command = new NpgsqlBatchCommand("""
                    INSERT INTO usage(sm_arn, executions, billed_ms, billed_mb_ms) VALUES($1,$2,$3,$4)
                    ON CONFLICT (sm_arn) DO UPDATE SET executions = usage.executions + excluded.executions,
                    billed_ms = usage.billed_ms + excluded.billed_ms, billed_mb_ms = usage.billed_mb_ms + excluded.billed_mb_ms
                    """);
                PostgresSql.Bind(command.Parameters, [(NpgsqlDbType.Text, sm), (NpgsqlDbType.Bigint, u.N), (NpgsqlDbType.Bigint, u.Ms), (NpgsqlDbType.Bigint, u.MbMs)]);
                counters.BatchCommands.Add(command);
            }

            await counters.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        for (var i = 0; i < writes.Count; i++)
            writes[i].Done.TrySetResult(Applied(results[i]));
    }

    /// <summary>A write without a result statement always counts; with one, when it changed a row.</summary>
    private static bool Applied(NpgsqlBatchCommand? result) => result is not { } r || r.RecordsAffected > 0;

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
            _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
