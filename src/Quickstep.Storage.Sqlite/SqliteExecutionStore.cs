using System.Collections.Concurrent;
using Quickstep.Engine;
using Quickstep.Storage.Rows;
using static Quickstep.Storage.Sqlite.SqliteDatabase;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// Executions with their history and log records. A synchronous execution's RUNNING record and its
/// completion may be merged into one write (<see cref="PendingInsert"/>).
/// </summary>
internal sealed class SqliteExecutionStore
{
    private readonly SqliteDatabase _db;
    private readonly SqliteQueueStore _queue;
    private readonly ConcurrentDictionary<string, PendingInsert> _pendingSyncInserts = new(StringComparer.Ordinal);
    private long _executionSeq;

    public SqliteExecutionStore(SqliteDatabase db, SqliteQueueStore queue)
    {
        _db = db;
        _queue = queue;
    }

    /// <summary>On the writer's connection before it starts: only the writer hands sequence numbers out, so it keeps the next one in memory instead of asking MAX(seq) (a table scan) on every insert.</summary>
    public void Load(SqliteBatch w) => _executionSeq = w.Scalar("SELECT IFNULL(MAX(seq),0) FROM executions") is long e ? e : 0;

    public Task<bool> TryInsertExecutionAsync(ExecutionRecord execution, bool enqueue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return _db.WriteAsync(InsertWork(execution, enqueue, execution.Sync && !enqueue && !ct.CanBeCanceled), ct);
    }

    public Task InsertExecutionBehindAsync(ExecutionRecord execution, Action<Exception> onError)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var work = InsertWork(execution, enqueue: false, mergeable: execution.Sync);
        return _db.Writer.WriteBehind(w => work(w), onError);
    }

    /// <summary>The insert of a new execution; <paramref name="mergeable"/>: a sync execution's RUNNING record, which its completion may write instead.</summary>
    private Func<SqliteBatch, bool> InsertWork(ExecutionRecord execution, bool enqueue, bool mergeable)
    {
        var parameters = ExecParams(execution);
        PendingInsert? pending = null;
        if (mergeable)
        {
            pending = new PendingInsert();
            _pendingSyncInserts[execution.Arn] = pending;
        }

        return w =>
        {
            if (w.Scalar("SELECT COUNT(*) FROM executions WHERE arn=$a", ("$a", execution.Arn)) is long n && n > 0)
            {
                if (pending is not null)
                    pending.Exists = true;
                return false;
            }

            var seq = ++_executionSeq;
            if (pending is not null && Interlocked.CompareExchange(ref pending.State, PendingInsert.Inserted, PendingInsert.Queued) == PendingInsert.Merged)
            {
                // The execution already finished and its completion is queued behind this write: it writes the row.
                pending.Seq = seq;
                return true;
            }

            if (pending is not null)
                _pendingSyncInserts.TryRemove(new KeyValuePair<string, PendingInsert>(execution.Arn, pending));
            parameters[^1] = ("$seq", seq);
            w.Exec(InsertExecution, parameters);
            if (enqueue)
                _queue.Enqueue(w, execution.Arn);
            return true;
        };
    }

    public Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken ct) =>
        _db.ReadOneAsync(ExecSelect + " FROM executions WHERE arn=$a", ExecutionRows.Execution, ct, ("$a", arn));

    public Task<IReadOnlyList<ExecutionRecord>> FindExecutionsAsync(string stateMachineArn, string name, ExecutionStatus status, CancellationToken ct) =>
        _db.ReadManyAsync(ExecSelect + " FROM executions WHERE sm_arn=$sm AND name=$n AND status=$s", ExecutionRows.Execution, ct, ("$sm", stateMachineArn), ("$n", name), ("$s", status.ToApiName()));

    /// <summary>Newest first (by the order they were stored); the key is the sequence number, so executions started between pages do not shift the next one.</summary>
    public Task<StorePage<ExecutionRecord>> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? status, string? after, int limit, CancellationToken ct)
    {
        return _db.ReadPageAsync(ExecSelect + ", seq FROM executions WHERE sm_arn=$sm AND ($s IS NULL OR status=$s) AND ($k IS NULL OR seq < $k) ORDER BY seq DESC LIMIT $limit",
            ExecutionRows.ExecutionWithSeqKey, limit, ct,
            ("$sm", stateMachineArn), ("$s", status?.ToApiName()), ("$k", ExecutionRows.SeqBelow(after)));
    }

    /// <summary>As <see cref="ListExecutionsAsync"/>, for one version ARN or alias ARN (version and alias ARNs never coincide: an alias name is not a number).</summary>
    public Task<StorePage<ExecutionRecord>> ListExecutionsOfAsync(string stateMachineArn, string qualifiedArn, ExecutionStatus? status, string? after, int limit, CancellationToken ct)
    {
        return _db.ReadPageAsync(ExecSelect + ", seq FROM executions WHERE sm_arn=$sm AND (version_arn=$q OR alias_arn=$q) AND ($s IS NULL OR status=$s) AND ($k IS NULL OR seq < $k) ORDER BY seq DESC LIMIT $limit",
            ExecutionRows.ExecutionWithSeqKey, limit, ct,
            ("$sm", stateMachineArn), ("$q", qualifiedArn), ("$s", status?.ToApiName()), ("$k", ExecutionRows.SeqBelow(after)));
    }

    public Task CompleteExecutionAsync(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, CancellationToken ct) =>
        _db.WriteAsync(CompleteWork(execution, history, logs, firstRun: false), ct);

    public Task CompleteExecutionBehindAsync(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, bool firstRun, Action<Exception> onError)
    {
        var work = CompleteWork(execution, history, logs, firstRun);
        return _db.Writer.WriteBehind(w => work(w), onError);
    }

    private Func<SqliteBatch, bool> CompleteWork(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, bool firstRun)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(logs);
        var parameters = ExecParams(execution);
        // A sync execution that finished before its RUNNING record was written: one insert of the final record.
        PendingInsert? merged = null;
        if (execution.Sync && _pendingSyncInserts.TryRemove(execution.Arn, out var pending)
            && Interlocked.CompareExchange(ref pending.State, PendingInsert.Merged, PendingInsert.Queued) == PendingInsert.Queued)
            merged = pending;
        // Encoded on the caller's thread: the writer thread only binds and steps.
        var events = history.Count == 0 ? null : ExecutionRecordsCodec.EncodeHistory(history);
        var records = logs.Count == 0 ? null : ExecutionRecordsCodec.EncodeLogs(logs);
        return w =>
        {
            if (merged is { Exists: false })
            {
                parameters[^1] = ("$seq", merged.Seq != 0 ? merged.Seq : ++_executionSeq);
                w.Exec(InsertExecution, parameters);
            }
            else
            {
                w.Exec("UPDATE executions SET status=$s, output=$o, error=$e, cause=$c, stop_date=$st, billed_ms=$bms, billed_mb=$bmb, log_level=$ll, log_data=$ld WHERE arn=$a", parameters);
            }

            if (!execution.Sync)
            {
                // A re-run after a crash replaces what the interrupted run may have left (sync executions never
                // re-run); the first run of an execution accepted by this process has nothing to replace.
                if (!firstRun)
                    w.Exec("DELETE FROM execution_history WHERE execution_arn=$a; DELETE FROM execution_logs WHERE execution_arn=$a", ("$a", execution.Arn));
                SqliteQueueStore.MarkDone(w, execution.Arn);
            }

            if (events is not null)
                w.Exec("INSERT INTO execution_history(execution_arn,events) VALUES($a,$j)", ("$a", execution.Arn), ("$j", events));
            if (records is not null)
                w.Exec("INSERT INTO execution_logs(execution_arn,records) VALUES($a,$j)", ("$a", execution.Arn), ("$j", records));
            w.AddUsage(execution.StateMachineArn, execution.BilledDurationMilliseconds, execution.BilledDurationMilliseconds * execution.BilledMemoryMegabytes);
            return true;
        };
    }

    /// <summary>Only RUNNING → final: an execution that ended meanwhile keeps its record.</summary>
    public Task<bool> TryStopExecutionAsync(ExecutionRecord final, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(final);
        var parameters = ExecParams(final);
        return _db.WriteAsync(w =>
        {
            if (w.Exec("UPDATE executions SET status=$s, output=$o, error=$e, cause=$c, stop_date=$st, billed_ms=$bms, billed_mb=$bmb, log_level=$ll, log_data=$ld WHERE arn=$a AND status='RUNNING'", parameters) == 0)
                return false;
            SqliteQueueStore.MarkDone(w, final.Arn);
            w.AddUsage(final.StateMachineArn, final.BilledDurationMilliseconds, final.BilledDurationMilliseconds * final.BilledMemoryMegabytes);
            return true;
        }, ct);
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListEndedAsync(IReadOnlyCollection<string> executionArns, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(executionArns);
        var ended = new List<ExecutionRecord>();
        foreach (var arn in executionArns)
        {
            if (await GetExecutionAsync(arn, ct).ConfigureAwait(false) is { Status: not ExecutionStatus.Running } record)
                ended.Add(record);
        }

        return ended;
    }

    public Task<int> AbortInterruptedSyncExecutionsAsync(DateTimeOffset stopDate, string error, string cause, CancellationToken ct) =>
        _db.WriteAsync(w => w.Exec("UPDATE executions SET status=$aborted, error=$e, cause=$c, stop_date=$st WHERE sync=1 AND status=$running",
            ("$aborted", ExecutionStatus.Aborted.ToApiName()), ("$running", ExecutionStatus.Running.ToApiName()),
            ("$e", error), ("$c", cause), ("$st", Ms(stopDate))), ct);

    public async Task<IReadOnlyList<HistoryRecord>> GetHistoryAsync(string executionArn, CancellationToken ct)
    {
        var events = await _db.ReadOneAsync("SELECT events FROM execution_history WHERE execution_arn=$a", r => r.GetString(0), ct, ("$a", executionArn)).ConfigureAwait(false);
        if (events is not null)
            return ExecutionRecordsCodec.DecodeHistory(events);
        return await _db.ReadManyAsync("SELECT id, json FROM history WHERE execution_arn=$a ORDER BY id", r => new HistoryRecord(r.GetInt64(0), r.GetString(1)), ct, ("$a", executionArn)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HistoryRecord>> GetHistoryPageAsync(string executionArn, long? afterId, int limit, bool reverse, CancellationToken ct)
    {
        await _db.FlushAsync(ct).ConfigureAwait(false);
        await using var c = await _db.OpenAsync(ct).ConfigureAwait(false);
        // With its rowid selected, the events column is read as a blob stream (incremental I/O), not loaded whole.
        await using (var cmd = Command(c, null, "SELECT rowid, events FROM execution_history WHERE execution_arn=$a", [("$a", executionArn)]))
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            if (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                await using var stream = r.GetStream(1);
                return await HistoryPageReader.ReadAsync(stream, afterId, limit, reverse, ct).ConfigureAwait(false);
            }
        }

        // Histories stored before execution_history: one row per event, a keyset query.
        var sql = reverse
            ? "SELECT id, json FROM history WHERE execution_arn=$a AND id<$after ORDER BY id DESC LIMIT $limit"
            : "SELECT id, json FROM history WHERE execution_arn=$a AND id>$after ORDER BY id LIMIT $limit";
        var list = new List<HistoryRecord>();
        await using var page = Command(c, null, sql, [("$a", executionArn), ("$after", afterId ?? (reverse ? long.MaxValue : long.MinValue)), ("$limit", limit)]);
        await using var rows = await page.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
            list.Add(new HistoryRecord(rows.GetInt64(0), rows.GetString(1)));
        return list;
    }

    public async Task<IReadOnlyList<LogRecord>> GetLogsAsync(string executionArn, CancellationToken ct)
    {
        var records = await _db.ReadOneAsync("SELECT records FROM execution_logs WHERE execution_arn=$a", r => r.GetString(0), ct, ("$a", executionArn)).ConfigureAwait(false);
        if (records is not null)
            return ExecutionRecordsCodec.DecodeLogs(records);
        return await _db.ReadManyAsync("SELECT id, ts, json FROM logs WHERE execution_arn=$a ORDER BY id", r => new LogRecord(r.GetInt64(0), Date(r.GetInt64(1)), r.GetString(2)), ct, ("$a", executionArn)).ConfigureAwait(false);
    }

    private const string InsertExecution = """
        INSERT INTO executions(arn,sm_arn,version_arn,alias_arn,name,status,input,output,error,cause,trace_header,start_date,stop_date,sync,billed_ms,billed_mb,log_level,log_data,seq)
        VALUES($a,$sm,$va,$aa,$n,$s,$i,$o,$e,$c,$th,$sd,$st,$sync,$bms,$bmb,$ll,$ld,$seq)
        """;

    /// <summary>
    /// A sync execution's RUNNING record on its way to the writer. Whichever comes first decides: the insert
    /// (the row is written, the completion updates it) or the completion (the insert only reserves the
    /// sequence number; the completion writes the final row, one write instead of two).
    /// </summary>
    private sealed class PendingInsert
    {
        public const int Queued = 0, Inserted = 1, Merged = 2;
        public int State;
        public long Seq;
        public bool Exists;
    }

    private const string ExecSelect = $"SELECT {ExecutionRows.Columns}";

    private static (string, object?)[] ExecParams(ExecutionRecord e) =>
    [
        ("$a", e.Arn), ("$sm", e.StateMachineArn), ("$va", e.StateMachineVersionArn), ("$aa", e.StateMachineAliasArn), ("$n", e.Name), ("$s", e.Status.ToApiName()),
        ("$i", e.Input), ("$o", e.Output), ("$e", e.Error), ("$c", e.Cause), ("$th", e.TraceHeader), ("$sd", Ms(e.StartDate)),
        ("$st", e.StopDate is { } s ? Ms(s) : null), ("$sync", e.Sync ? 1 : 0), ("$bms", e.BilledDurationMilliseconds), ("$bmb", e.BilledMemoryMegabytes),
        ("$ll", e.LogLevel), ("$ld", e.LogIncludesExecutionData ? 1 : 0),
        ("$seq", 0L), // set by the insert
    ];
}
