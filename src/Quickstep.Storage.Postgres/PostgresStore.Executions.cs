using NpgsqlTypes;
using Quickstep.Engine;
using Quickstep.Storage.Rows;
using static Quickstep.Storage.Postgres.PostgresSql;

namespace Quickstep.Storage.Postgres;

/// <summary>Executions, their history and logs, the async queue with its leases, usage and retention.</summary>
public sealed partial class PostgresStore
{
    private const string ExecColumns = ExecutionRows.Columns;

    /// <summary>Nodes whose lease ran out (never this one): their work is taken over.</summary>
    private const string DeadNodes = "SELECT id FROM quickstep_nodes WHERE expires_at < $2 AND id <> $1";

    public Task<bool> TryInsertExecutionAsync(ExecutionRecord execution, bool enqueue, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(InsertWrite(execution, enqueue, null));

    public Task InsertExecutionBehindAsync(ExecutionRecord execution, Action<Exception> onError) =>
        _writer.WriteBehind(InsertWrite(execution, enqueue: false, onError));

    private PostgresWrite InsertWrite(ExecutionRecord execution, bool enqueue, Action<Exception>? onError)
    {
        ArgumentNullException.ThrowIfNull(execution);
        // A sync execution belongs to this node: if the node dies, whoever sees its lease expire aborts it.
        var owner = enqueue || execution.Sync ? _options.NodeId : null;
        return PostgresWrite.Insert(execution, enqueue, owner, onError);
    }

    public async Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        return await ReadOneAsync(Source, $"SELECT {ExecColumns} FROM executions WHERE arn=$1", ExecutionRows.Execution, cancellationToken, Text(arn)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ExecutionRecord>> FindExecutionsAsync(string stateMachineArn, string name, ExecutionStatus status, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        return await ReadManyAsync(Source, $"SELECT {ExecColumns} FROM executions WHERE sm_arn=$1 AND name=$2 AND status=$3", ExecutionRows.Execution, cancellationToken,
            Text(stateMachineArn), Text(name), Text(status.ToApiName())).ConfigureAwait(false);
    }

    /// <summary>Newest first (in the order they were stored); the key is the sequence number.</summary>
    public async Task<StorePage<ExecutionRecord>> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        return await ReadPageAsync(Source, $"SELECT {ExecColumns}, seq FROM executions WHERE sm_arn=$1 AND ($2::text IS NULL OR status=$2) AND ($3::bigint IS NULL OR seq < $3) ORDER BY seq DESC LIMIT $4",
            ExecutionRows.ExecutionWithSeqKey, limit, cancellationToken,
            Text(stateMachineArn), Text(status?.ToApiName()), Long(ExecutionRows.SeqBelow(after))).ConfigureAwait(false);
    }

    public async Task<StorePage<ExecutionRecord>> ListExecutionsOfAsync(string stateMachineArn, string qualifiedArn, ExecutionStatus? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        return await ReadPageAsync(Source, $"SELECT {ExecColumns}, seq FROM executions WHERE sm_arn=$1 AND (version_arn=$2 OR alias_arn=$2) AND ($3::text IS NULL OR status=$3) AND ($4::bigint IS NULL OR seq < $4) ORDER BY seq DESC LIMIT $5",
            ExecutionRows.ExecutionWithSeqKey, limit, cancellationToken,
            Text(stateMachineArn), Text(qualifiedArn), Text(status?.ToApiName()), Long(ExecutionRows.SeqBelow(after))).ConfigureAwait(false);
    }

    /// <summary>Counts the attempt durably and returns the attempts so far (0 without a queue entry).</summary>
    public async Task<int> MarkRunningAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        var attempts = await ReadManyAsync(Source, "UPDATE queue SET state=1, attempts=attempts+1 WHERE execution_arn=$1 RETURNING attempts", r => r.GetInt32(0), cancellationToken, Text(executionArn)).ConfigureAwait(false);
        return attempts.Count == 0 ? 0 : attempts[0];
    }

    public Task CompleteExecutionAsync(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(CompleteWrite(execution, history, logs, firstRun: false, null));

    public Task CompleteExecutionBehindAsync(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, bool firstRun, Action<Exception> onError) =>
        _writer.WriteBehind(CompleteWrite(execution, history, logs, firstRun, onError));

    /// <summary>
    /// The end of a run: its record only while it is still RUNNING (a stop through another node, or the abort of a sync
    /// execution whose node seemed dead, is never overwritten), its history and logs while the stored status is the one
    /// this run ended with (a stopped run leaves its ExecutionAborted history under the stop's record), the queue entry,
    /// and usage only when the record changed (<see cref="PostgresWriteBatch"/>).
    /// </summary>
    private static PostgresWrite CompleteWrite(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, bool firstRun, Action<Exception>? onError)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(logs);
        return PostgresWrite.Complete(execution, history.Count > 0 ? ExecutionRecordsCodec.EncodeHistory(history) : null,
            logs.Count > 0 ? ExecutionRecordsCodec.EncodeLogs(logs) : null, firstRun, onError);
    }

    /// <summary>The notification topic of an execution stopped through the store (the payload's name is its ARN).</summary>
    public const string ExecutionStoppedTopic = "stopped";

    public Task<bool> TryStopExecutionAsync(ExecutionRecord final, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(final);
        return _writer.WriteAsync(PostgresWrite.Stop(final));
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListEndedAsync(IReadOnlyCollection<string> executionArns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionArns);
        if (executionArns.Count == 0)
            return [];
        await _writer.BarrierAsync().ConfigureAwait(false);
        return await ReadManyAsync(Source, $"SELECT {ExecColumns} FROM executions WHERE arn = ANY($1) AND status <> 'RUNNING'", ExecutionRows.Execution, cancellationToken,
            (NpgsqlDbType.Array | NpgsqlDbType.Text, executionArns.ToArray())).ConfigureAwait(false);
    }

    /// <summary>At startup: the unfinished queue entries of nodes whose lease expired, now this node's (a new node never finds its own).</summary>
    public Task<IReadOnlyList<string>> RecoverQueueAsync(CancellationToken cancellationToken = default) => ClaimExpiredAsync(int.MaxValue, cancellationToken);

    public async Task<IReadOnlyList<string>> ClaimExpiredAsync(int limit, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        var claimed = await ReadManyAsync(Source, $"""
            UPDATE queue SET owner=$1, state=0 WHERE execution_arn IN (
                SELECT execution_arn FROM queue WHERE state <> 2 AND owner IN ({DeadNodes}) ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING execution_arn, seq
            """, r => (Arn: r.GetString(0), Seq: r.GetInt64(1)), cancellationToken, Text(_options.NodeId), Long(Now), Long(limit)).ConfigureAwait(false);
        claimed.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return claimed.ConvertAll(c => c.Arn);
    }

    /// <summary>Sync executions still RUNNING on nodes whose lease expired: ended as ABORTED, never re-run.</summary>
    public async Task<int> AbortInterruptedSyncExecutionsAsync(DateTimeOffset stopDate, string error, string cause, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        return await ExecAsync(Source, $"UPDATE executions SET status='ABORTED', error=$3, cause=$4, stop_date=$5 WHERE sync AND status='RUNNING' AND owner IN ({DeadNodes})",
            cancellationToken, Text(_options.NodeId), Long(Now), Text(error), Text(cause), Long(Ms(stopDate))).ConfigureAwait(false);
    }

    /// <summary>Extends this node's lease; forgets nodes long dead that left nothing behind.</summary>
    public async Task RenewLeaseAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        var lease = (long)_options.LeaseDuration.TotalMilliseconds;
        await ExecAsync(Source, "INSERT INTO quickstep_nodes(id, expires_at) VALUES($1,$2) ON CONFLICT (id) DO UPDATE SET expires_at=excluded.expires_at",
            cancellationToken, Text(_options.NodeId), Long(now + lease)).ConfigureAwait(false);
        await ExecAsync(Source, """
            DELETE FROM quickstep_nodes n WHERE n.expires_at < $1
            AND NOT EXISTS (SELECT 1 FROM queue q WHERE q.owner = n.id AND q.state <> 2)
            AND NOT EXISTS (SELECT 1 FROM executions e WHERE e.owner = n.id AND e.sync AND e.status = 'RUNNING')
            """, cancellationToken, Long(now - (4 * lease))).ConfigureAwait(false);
    }

    public async Task<QueueState?> GetQueueStateAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        var state = await ReadManyAsync(Source, "SELECT state FROM queue WHERE execution_arn=$1", r => r.GetInt32(0), cancellationToken, Text(executionArn)).ConfigureAwait(false);
        return state.Count == 0 ? null : (QueueState)state[0];
    }

    public async Task<IReadOnlyList<HistoryRecord>> GetHistoryAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        var events = await ReadOneAsync(Source, "SELECT events FROM execution_history WHERE execution_arn=$1", r => r.GetString(0), cancellationToken, Text(executionArn)).ConfigureAwait(false);
        return events is null ? [] : ExecutionRecordsCodec.DecodeHistory(events);
    }

    public async Task<IReadOnlyList<LogRecord>> GetLogsAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        var records = await ReadOneAsync(Source, "SELECT records FROM execution_logs WHERE execution_arn=$1", r => r.GetString(0), cancellationToken, Text(executionArn)).ConfigureAwait(false);
        return records is null ? [] : ExecutionRecordsCodec.DecodeLogs(records);
    }

    public async Task<IReadOnlyList<UsageRecord>> GetUsageAsync(CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        return await ReadManyAsync(Source, "SELECT sm_arn, executions, billed_ms, billed_mb_ms FROM usage ORDER BY sm_arn",
            r => new UsageRecord(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tables whose rows belong to an execution and go with it when it is purged.</summary>
    private static readonly string[] PurgedWithExecutions = ["execution_history", "execution_logs", "queue"];

    public async Task<int> PurgeExecutionsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await _writer.BarrierAsync().ConfigureAwait(false);
        const string Old = "SELECT arn FROM executions WHERE stop_date IS NOT NULL AND stop_date < $1";
        return await InTransactionAsync(async (c, tx) =>
        {
            foreach (var table in PurgedWithExecutions)
                await ExecInAsync(c, tx, $"DELETE FROM {table} WHERE execution_arn IN ({Old})", cancellationToken, Long(Ms(cutoff))).ConfigureAwait(false);
            var n = await ExecInAsync(c, tx, "DELETE FROM executions WHERE stop_date IS NOT NULL AND stop_date < $1", cancellationToken, Long(Ms(cutoff))).ConfigureAwait(false);
            // Deleted machines are kept only for the executions still stored.
            await ExecInAsync(c, tx, "DELETE FROM retired_state_machines r WHERE NOT EXISTS (SELECT 1 FROM executions e WHERE e.sm_arn = r.arn)", cancellationToken).ConfigureAwait(false);
            await ExecInAsync(c, tx, "DELETE FROM retired_versions r WHERE NOT EXISTS (SELECT 1 FROM executions e WHERE e.sm_arn = r.sm_arn)", cancellationToken).ConfigureAwait(false);
            return n;
        }, cancellationToken).ConfigureAwait(false);
    }
}
