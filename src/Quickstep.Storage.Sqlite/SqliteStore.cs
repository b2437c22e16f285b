using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Writes go to one writer thread that commits them in
/// batches (<see cref="SqliteWriter"/>; SQLite has a single writer anyway); reads run concurrently on their
/// own pooled connections. State machines, versions and aliases are cached after the first read: every
/// change to them goes through this store, which drops the cached copy when it commits.
/// </summary>
public sealed class SqliteStore : IQuickstepStore
{
    /// <summary>Cached definitions kept at most; past it the cache starts over.</summary>
    private const int MaxCached = 10_000;

    private readonly string _connectionString;
    private readonly ConcurrentDictionary<string, object> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingInsert> _pendingSyncInserts = new(StringComparer.Ordinal);
    private SqliteWriter? _writer;
    private long _cacheEpoch;
    private long _executionSeq;
    private long _queueSeq;

    public SqliteStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var full = Path.GetFullPath(options.Path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        DatabasePath = full;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using (var c = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await ExecAsync(c, null, SqliteSchema.Create, cancellationToken).ConfigureAwait(false);
            foreach (var (table, column, definition) in SqliteSchema.AddedColumns)
            {
                if (await ScalarAsync(c, null, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name=$n", cancellationToken, ("$n", column)).ConfigureAwait(false) is 0L)
                    await ExecAsync(c, null, $"ALTER TABLE {table} ADD COLUMN {column} {definition}", cancellationToken).ConfigureAwait(false);
            }
        }

        var writer = new SqliteWriter(_connectionString);
        // Sequence numbers order executions and the queue; only the writer hands them out, so it keeps the
        // next ones in memory instead of asking MAX(seq) (a table scan) on every insert.
        _executionSeq = writer.Batch.Scalar("SELECT IFNULL(MAX(seq),0) FROM executions") is long e ? e : 0;
        _queueSeq = writer.Batch.Scalar("SELECT IFNULL(MAX(seq),0) FROM queue") is long q ? q : 0;
        writer.Start();
        _writer = writer;
    }

    public ValueTask DisposeAsync()
    {
        _writer?.Dispose();
        _writer = null;
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    // ---- state machines ----

    public Task<bool> TryCreateStateMachineAsync(StateMachineRecord stateMachine, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(tags);
        return WriteDefinitionAsync(w =>
        {
            if (w.Scalar("SELECT COUNT(*) FROM state_machines WHERE arn=$a", ("$a", stateMachine.Arn)) is long n && n > 0)
                return false;
            w.Exec("""
                INSERT INTO state_machines(arn,name,definition,role_arn,type,logging,tracing,revision_id,creation_date,update_date)
                VALUES($a,$n,$d,$r,$t,$l,$tr,$rev,$cd,$ud)
                """, SmParams(stateMachine));
            foreach (var tag in tags)
                UpsertTag(w, stateMachine.Arn, tag);
            return true;
        }, cancellationToken);
    }

    public Task<StateMachineRecord?> GetStateMachineAsync(string arn, CancellationToken cancellationToken = default) =>
        CachedAsync(arn, "SELECT arn,name,definition,role_arn,type,logging,tracing,revision_id,creation_date,update_date FROM state_machines WHERE arn=$a", ReadSm, cancellationToken);

    public Task UpdateStateMachineAsync(StateMachineRecord stateMachine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        return WriteDefinitionAsync(w => w.Exec("""
            UPDATE state_machines SET name=$n, definition=$d, role_arn=$r, type=$t, logging=$l, tracing=$tr,
            revision_id=$rev, creation_date=$cd, update_date=$ud WHERE arn=$a
            """, SmParams(stateMachine)), cancellationToken);
    }

    public Task<bool> DeleteStateMachineAsync(string arn, CancellationToken cancellationToken = default) =>
        WriteDefinitionAsync(w =>
        {
            var n = w.Exec("DELETE FROM state_machines WHERE arn=$a", ("$a", arn));
            w.Exec("""
                DELETE FROM tags WHERE resource_arn=$a OR resource_arn IN (SELECT arn FROM versions WHERE sm_arn=$a) OR resource_arn IN (SELECT arn FROM aliases WHERE sm_arn=$a);
                DELETE FROM versions WHERE sm_arn=$a;
                DELETE FROM aliases WHERE sm_arn=$a;
                """, ("$a", arn));
            return n > 0;
        }, cancellationToken);

    public Task<IReadOnlyList<StateMachineRecord>> ListStateMachinesAsync(int offset, int limit, CancellationToken cancellationToken = default) =>
        ReadManyAsync("SELECT arn,name,definition,role_arn,type,logging,tracing,revision_id,creation_date,update_date FROM state_machines ORDER BY name, arn LIMIT $l OFFSET $o", ReadSm, cancellationToken, ("$l", limit), ("$o", offset));

    private static (string, object?)[] SmParams(StateMachineRecord s) =>
    [
        ("$a", s.Arn), ("$n", s.Name), ("$d", s.Definition), ("$r", s.RoleArn), ("$t", s.Type), ("$l", s.LoggingConfiguration),
        ("$tr", s.TracingConfiguration), ("$rev", s.RevisionId), ("$cd", Ms(s.CreationDate)), ("$ud", s.UpdateDate is { } u ? Ms(u) : null),
    ];

    private static StateMachineRecord ReadSm(SqliteDataReader r) => new()
    {
        Arn = r.GetString(0),
        Name = r.GetString(1),
        Definition = r.GetString(2),
        RoleArn = r.GetString(3),
        Type = r.GetString(4),
        LoggingConfiguration = r.GetString(5),
        TracingConfiguration = r.GetString(6),
        RevisionId = r.GetString(7),
        CreationDate = Date(r.GetInt64(8)),
        UpdateDate = r.IsDBNull(9) ? null : Date(r.GetInt64(9)),
    };

    // ---- versions ----

    public Task AddVersionAsync(StateMachineVersionRecord version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        return WriteDefinitionAsync(w => w.Exec("""
            INSERT INTO versions(arn,sm_arn,version,definition,role_arn,logging,tracing,revision_id,description,creation_date)
            VALUES($a,$sm,$v,$d,$r,$l,$tr,$rev,$desc,$cd)
            """,
            ("$a", version.Arn), ("$sm", version.StateMachineArn), ("$v", version.Version), ("$d", version.Definition), ("$r", version.RoleArn),
            ("$l", version.LoggingConfiguration), ("$tr", version.TracingConfiguration), ("$rev", version.RevisionId), ("$desc", version.Description),
            ("$cd", Ms(version.CreationDate))), cancellationToken);
    }

    public Task<StateMachineVersionRecord?> GetVersionAsync(string versionArn, CancellationToken cancellationToken = default) =>
        CachedAsync(versionArn, VersionSelect + " WHERE arn=$a", ReadVersion, cancellationToken);

    public Task<IReadOnlyList<StateMachineVersionRecord>> ListVersionsAsync(string stateMachineArn, int offset, int limit, CancellationToken cancellationToken = default) =>
        ReadManyAsync(VersionSelect + " WHERE sm_arn=$a ORDER BY version DESC LIMIT $l OFFSET $o", ReadVersion, cancellationToken, ("$a", stateMachineArn), ("$l", limit), ("$o", offset));

    public Task<bool> DeleteVersionAsync(string versionArn, CancellationToken cancellationToken = default) =>
        WriteDefinitionAsync(w => w.Exec("DELETE FROM versions WHERE arn=$a; DELETE FROM tags WHERE resource_arn=$a", ("$a", versionArn)) > 0, cancellationToken);

    private const string VersionSelect = "SELECT arn,sm_arn,version,definition,role_arn,logging,tracing,revision_id,description,creation_date FROM versions";

    private static StateMachineVersionRecord ReadVersion(SqliteDataReader r) => new()
    {
        Arn = r.GetString(0),
        StateMachineArn = r.GetString(1),
        Version = r.GetInt32(2),
        Definition = r.GetString(3),
        RoleArn = r.GetString(4),
        LoggingConfiguration = r.GetString(5),
        TracingConfiguration = r.GetString(6),
        RevisionId = r.GetString(7),
        Description = r.IsDBNull(8) ? null : r.GetString(8),
        CreationDate = Date(r.GetInt64(9)),
    };

    // ---- aliases ----

    public Task<bool> TryCreateAliasAsync(StateMachineAliasRecord alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return WriteDefinitionAsync(w =>
        {
            if (w.Scalar("SELECT COUNT(*) FROM aliases WHERE arn=$a", ("$a", alias.Arn)) is long n && n > 0)
                return false;
            w.Exec("INSERT INTO aliases(arn,sm_arn,name,description,routing,creation_date,update_date) VALUES($a,$sm,$n,$d,$r,$cd,$ud)", AliasParams(alias));
            return true;
        }, cancellationToken);
    }

    public Task<StateMachineAliasRecord?> GetAliasAsync(string aliasArn, CancellationToken cancellationToken = default) =>
        CachedAsync(aliasArn, AliasSelect + " WHERE arn=$a", ReadAlias, cancellationToken);

    public Task UpdateAliasAsync(StateMachineAliasRecord alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return WriteDefinitionAsync(w => w.Exec("UPDATE aliases SET sm_arn=$sm, name=$n, description=$d, routing=$r, creation_date=$cd, update_date=$ud WHERE arn=$a",
            AliasParams(alias)), cancellationToken);
    }

    public Task<bool> DeleteAliasAsync(string aliasArn, CancellationToken cancellationToken = default) =>
        WriteDefinitionAsync(w => w.Exec("DELETE FROM aliases WHERE arn=$a; DELETE FROM tags WHERE resource_arn=$a", ("$a", aliasArn)) > 0, cancellationToken);

    public Task<IReadOnlyList<StateMachineAliasRecord>> ListAliasesAsync(string stateMachineArn, int offset, int limit, CancellationToken cancellationToken = default) =>
        ReadManyAsync(AliasSelect + " WHERE sm_arn=$a ORDER BY name LIMIT $l OFFSET $o", ReadAlias, cancellationToken, ("$a", stateMachineArn), ("$l", limit), ("$o", offset));

    private const string AliasSelect = "SELECT arn,sm_arn,name,description,routing,creation_date,update_date FROM aliases";

    private static (string, object?)[] AliasParams(StateMachineAliasRecord a) =>
    [
        ("$a", a.Arn), ("$sm", a.StateMachineArn), ("$n", a.Name), ("$d", a.Description),
        ("$r", JsonSerializer.Serialize(a.RoutingConfiguration, StorageJsonContext.Default.IReadOnlyListRoutingEntry)),
        ("$cd", Ms(a.CreationDate)), ("$ud", Ms(a.UpdateDate)),
    ];

    private static StateMachineAliasRecord ReadAlias(SqliteDataReader r) => new()
    {
        Arn = r.GetString(0),
        StateMachineArn = r.GetString(1),
        Name = r.GetString(2),
        Description = r.IsDBNull(3) ? null : r.GetString(3),
        RoutingConfiguration = JsonSerializer.Deserialize(r.GetString(4), StorageJsonContext.Default.IReadOnlyListRoutingEntry) ?? [],
        CreationDate = Date(r.GetInt64(5)),
        UpdateDate = Date(r.GetInt64(6)),
    };

    // ---- tags ----

    public Task<IReadOnlyList<ResourceTag>> GetTagsAsync(string resourceArn, CancellationToken cancellationToken = default) =>
        ReadManyAsync("SELECT key, value FROM tags WHERE resource_arn=$a ORDER BY key", r => new ResourceTag(r.GetString(0), r.GetString(1)), cancellationToken, ("$a", resourceArn));

    public Task SetTagsAsync(string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return WriteAsync(w =>
        {
            foreach (var tag in tags)
                UpsertTag(w, resourceArn, tag);
            return true;
        }, cancellationToken);
    }

    public Task RemoveTagsAsync(string resourceArn, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return WriteAsync(w =>
        {
            foreach (var key in keys)
                w.Exec("DELETE FROM tags WHERE resource_arn=$a AND key=$k", ("$a", resourceArn), ("$k", key));
            return true;
        }, cancellationToken);
    }

    private static void UpsertTag(SqliteBatch w, string arn, ResourceTag tag) =>
        w.Exec("INSERT INTO tags(resource_arn,key,value) VALUES($a,$k,$v) ON CONFLICT(resource_arn,key) DO UPDATE SET value=excluded.value", ("$a", arn), ("$k", tag.Key), ("$v", tag.Value));

    // ---- executions ----

    public Task<bool> TryInsertExecutionAsync(ExecutionRecord execution, bool enqueue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return WriteAsync(InsertWork(execution, enqueue, execution.Sync && !enqueue && !cancellationToken.CanBeCanceled), cancellationToken);
    }

    public Task InsertExecutionBehindAsync(ExecutionRecord execution, Action<Exception> onError)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var work = InsertWork(execution, enqueue: false, mergeable: execution.Sync);
        return Writer.WriteBehind(w => work(w), onError);
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
                w.Exec("INSERT INTO queue(execution_arn,state,seq,attempts) VALUES($a,$s,$seq,0)", ("$a", execution.Arn), ("$s", (int)QueueState.Accepted), ("$seq", ++_queueSeq));
            return true;
        };
    }

    public Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken cancellationToken = default) =>
        ReadOneAsync(ExecSelect + " WHERE arn=$a", ReadExec, cancellationToken, ("$a", arn));

    public Task<IReadOnlyList<ExecutionRecord>> FindExecutionsAsync(string stateMachineArn, string name, string status, CancellationToken cancellationToken = default) =>
        ReadManyAsync(ExecSelect + " WHERE sm_arn=$sm AND name=$n AND status=$s", ReadExec, cancellationToken, ("$sm", stateMachineArn), ("$n", name), ("$s", status));

    public Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string stateMachineArn, string? status, int offset, int limit, CancellationToken cancellationToken = default) =>
        ReadManyAsync(ExecSelect + " WHERE sm_arn=$sm AND ($s IS NULL OR status=$s) ORDER BY seq DESC LIMIT $l OFFSET $o", ReadExec, cancellationToken,
            ("$sm", stateMachineArn), ("$s", status), ("$l", limit), ("$o", offset));

    public Task MarkRunningAsync(string executionArn, CancellationToken cancellationToken = default) =>
        WriteAsync(w => w.Exec("UPDATE queue SET state=$s, attempts=attempts+1 WHERE execution_arn=$a", ("$a", executionArn), ("$s", (int)QueueState.Running)), cancellationToken);

    public Task CompleteExecutionAsync(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, CancellationToken cancellationToken = default) =>
        WriteAsync(CompleteWork(execution, history, logs, firstRun: false), cancellationToken);

    public Task CompleteExecutionBehindAsync(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, bool firstRun, Action<Exception> onError)
    {
        var work = CompleteWork(execution, history, logs, firstRun);
        return Writer.WriteBehind(w => work(w), onError);
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
        var events = history.Count == 0 ? null : EncodeHistory(history);
        var records = logs.Count == 0 ? null : EncodeLogs(logs);
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
                w.Exec("UPDATE queue SET state=$s WHERE execution_arn=$a", ("$a", execution.Arn), ("$s", (int)QueueState.Done));
            }

            if (events is not null)
                w.Exec("INSERT INTO execution_history(execution_arn,events) VALUES($a,$j)", ("$a", execution.Arn), ("$j", events));
            if (records is not null)
                w.Exec("INSERT INTO execution_logs(execution_arn,records) VALUES($a,$j)", ("$a", execution.Arn), ("$j", records));
            w.AddUsage(execution.StateMachineArn, execution.BilledDurationMilliseconds, execution.BilledDurationMilliseconds * execution.BilledMemoryMegabytes);
            return true;
        };
    }

    public Task<IReadOnlyList<string>> RecoverQueueAsync(CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<string>>(w =>
        {
            w.Exec("UPDATE queue SET state=$acc WHERE state=$run", ("$acc", (int)QueueState.Accepted), ("$run", (int)QueueState.Running));
            var list = new List<string>();
            using var r = w.Command("SELECT execution_arn FROM queue WHERE state=$acc ORDER BY seq", ("$acc", (int)QueueState.Accepted)).ExecuteReader();
            while (r.Read())
                list.Add(r.GetString(0));
            return list;
        }, cancellationToken);

    public Task<int> AbortInterruptedSyncExecutionsAsync(DateTimeOffset stopDate, string error, string cause, CancellationToken cancellationToken = default) =>
        WriteAsync(w => w.Exec("UPDATE executions SET status='ABORTED', error=$e, cause=$c, stop_date=$st WHERE sync=1 AND status='RUNNING'",
            ("$e", error), ("$c", cause), ("$st", Ms(stopDate))), cancellationToken);

    public async Task<QueueState?> GetQueueStateAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarAsync(c, null, "SELECT state FROM queue WHERE execution_arn=$a", cancellationToken, ("$a", executionArn)).ConfigureAwait(false) is long s ? (QueueState)s : null;
    }

    public async Task<IReadOnlyList<HistoryRecord>> GetHistoryAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        var events = await ReadOneAsync("SELECT events FROM execution_history WHERE execution_arn=$a", r => r.GetString(0), cancellationToken, ("$a", executionArn)).ConfigureAwait(false);
        if (events is not null)
            return DecodeHistory(events);
        return await ReadManyAsync("SELECT id, json FROM history WHERE execution_arn=$a ORDER BY id", r => new HistoryRecord(r.GetInt64(0), r.GetString(1)), cancellationToken, ("$a", executionArn)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LogRecord>> GetLogsAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        var records = await ReadOneAsync("SELECT records FROM execution_logs WHERE execution_arn=$a", r => r.GetString(0), cancellationToken, ("$a", executionArn)).ConfigureAwait(false);
        if (records is not null)
            return DecodeLogs(records);
        return await ReadManyAsync("SELECT id, ts, json FROM logs WHERE execution_arn=$a ORDER BY id", r => new LogRecord(r.GetInt64(0), Date(r.GetInt64(1)), r.GetString(2)), cancellationToken, ("$a", executionArn)).ConfigureAwait(false);
    }

    /// <summary>[[id, event], …]: the events' JSON text is kept as it is.</summary>
    private static string EncodeHistory(IReadOnlyList<HistoryRecord> history)
    {
        var length = 2;
        foreach (var h in history)
            length += h.Json.Length + 24;
        var sb = new StringBuilder(length);
        sb.Append('[');
        foreach (var h in history)
        {
            if (sb.Length > 1)
                sb.Append(',');
            sb.Append('[').Append(h.Id.ToString(CultureInfo.InvariantCulture)).Append(',').Append(h.Json).Append(']');
        }

        return sb.Append(']').ToString();
    }

    /// <summary>[[id, timestamp ms, record], …].</summary>
    private static string EncodeLogs(IReadOnlyList<LogRecord> logs)
    {
        var length = 2;
        foreach (var l in logs)
            length += l.Json.Length + 44;
        var sb = new StringBuilder(length);
        sb.Append('[');
        foreach (var l in logs)
        {
            if (sb.Length > 1)
                sb.Append(',');
            sb.Append('[').Append(l.Id.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Ms(l.Timestamp).ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(l.Json).Append(']');
        }

        return sb.Append(']').ToString();
    }

    private static List<HistoryRecord> DecodeHistory(string events)
    {
        using var doc = JsonDocument.Parse(events, new JsonDocumentOptions { MaxDepth = 1024 });
        var list = new List<HistoryRecord>(doc.RootElement.GetArrayLength());
        foreach (var e in doc.RootElement.EnumerateArray())
            list.Add(new HistoryRecord(e[0].GetInt64(), e[1].GetRawText()));
        return list;
    }

    private static List<LogRecord> DecodeLogs(string records)
    {
        using var doc = JsonDocument.Parse(records, new JsonDocumentOptions { MaxDepth = 1024 });
        var list = new List<LogRecord>(doc.RootElement.GetArrayLength());
        foreach (var e in doc.RootElement.EnumerateArray())
            list.Add(new LogRecord(e[0].GetInt64(), Date(e[1].GetInt64()), e[2].GetRawText()));
        return list;
    }

    public Task<IReadOnlyList<UsageRecord>> GetUsageAsync(CancellationToken cancellationToken = default) =>
        ReadManyAsync("SELECT sm_arn, executions, billed_ms, billed_mb_ms FROM usage ORDER BY sm_arn",
            r => new UsageRecord(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), cancellationToken);

    public Task<int> PurgeExecutionsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        WriteAsync(w =>
        {
            const string Old = "SELECT arn FROM executions WHERE stop_date IS NOT NULL AND stop_date < $cut";
            w.Exec($"""
                DELETE FROM history WHERE execution_arn IN ({Old});
                DELETE FROM logs WHERE execution_arn IN ({Old});
                DELETE FROM execution_history WHERE execution_arn IN ({Old});
                DELETE FROM execution_logs WHERE execution_arn IN ({Old});
                DELETE FROM queue WHERE execution_arn IN ({Old});
                """, ("$cut", Ms(cutoff)));
            return w.Exec("DELETE FROM executions WHERE stop_date IS NOT NULL AND stop_date < $cut", ("$cut", Ms(cutoff)));
        }, cancellationToken);

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

    private const string ExecSelect = "SELECT arn,sm_arn,version_arn,alias_arn,name,status,input,output,error,cause,trace_header,start_date,stop_date,sync,billed_ms,billed_mb,log_level,log_data FROM executions";

    private static (string, object?)[] ExecParams(ExecutionRecord e) =>
    [
        ("$a", e.Arn), ("$sm", e.StateMachineArn), ("$va", e.StateMachineVersionArn), ("$aa", e.StateMachineAliasArn), ("$n", e.Name), ("$s", e.Status),
        ("$i", e.Input), ("$o", e.Output), ("$e", e.Error), ("$c", e.Cause), ("$th", e.TraceHeader), ("$sd", Ms(e.StartDate)),
        ("$st", e.StopDate is { } s ? Ms(s) : null), ("$sync", e.Sync ? 1 : 0), ("$bms", e.BilledDurationMilliseconds), ("$bmb", e.BilledMemoryMegabytes),
        ("$ll", e.LogLevel), ("$ld", e.LogIncludesExecutionData ? 1 : 0),
        ("$seq", 0L), // set by the insert
    ];

    private static ExecutionRecord ReadExec(SqliteDataReader r) => new()
    {
        Arn = r.GetString(0),
        StateMachineArn = r.GetString(1),
        StateMachineVersionArn = Str(r, 2),
        StateMachineAliasArn = Str(r, 3),
        Name = r.GetString(4),
        Status = r.GetString(5),
        Input = r.GetString(6),
        Output = Str(r, 7),
        Error = Str(r, 8),
        Cause = Str(r, 9),
        TraceHeader = Str(r, 10),
        StartDate = Date(r.GetInt64(11)),
        StopDate = r.IsDBNull(12) ? null : Date(r.GetInt64(12)),
        Sync = r.GetInt64(13) != 0,
        BilledDurationMilliseconds = r.GetInt64(14),
        BilledMemoryMegabytes = r.GetInt64(15),
        LogLevel = Str(r, 16),
        LogIncludesExecutionData = r.GetInt64(17) != 0,
    };

    // ---- plumbing ----

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long Ms(DateTimeOffset d) => d.ToUnixTimeMilliseconds();

    private static DateTimeOffset Date(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    internal async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct).ConfigureAwait(false);
        return c;
    }

    internal SqliteWriter Writer => _writer ?? throw new InvalidOperationException("SqliteStore.InitializeAsync was not called, or the store is disposed.");

    internal Task<T> WriteAsync<T>(Func<SqliteBatch, T> work, CancellationToken ct, Action? afterCommit = null) => Writer.WriteAsync(work, ct, afterCommit);

    /// <summary>Before every read: the write-behinds queued before it are committed, so that a read sees them.</summary>
    internal Task FlushAsync(CancellationToken ct) => Writer.FlushAsync(ct);

    /// <summary>A write to state machines, versions or aliases: the cache forgets everything when it commits.</summary>
    private Task<T> WriteDefinitionAsync<T>(Func<SqliteBatch, T> work, CancellationToken ct) => WriteAsync(work, ct, ForgetCached);

    private void ForgetCached()
    {
        Interlocked.Increment(ref _cacheEpoch);
        _cache.Clear();
    }

    /// <summary>
    /// A definition by ARN, from the cache or the database. A copy read while a write committed is not
    /// kept (the epoch moved), so the cache never holds a version older than the last commit.
    /// </summary>
    private async Task<T?> CachedAsync<T>(string arn, string sql, Func<SqliteDataReader, T> read, CancellationToken ct)
        where T : class
    {
        if (_cache.TryGetValue(arn, out var hit) && hit is T cached)
            return cached;
        var epoch = Interlocked.Read(ref _cacheEpoch);
        var found = await ReadOneAsync(sql, read, ct, ("$a", arn)).ConfigureAwait(false);
        if (found is null)
            return null;
        if (_cache.Count >= MaxCached)
            _cache.Clear();
        _cache[arn] = found;
        if (Interlocked.Read(ref _cacheEpoch) != epoch)
            _cache.TryRemove(arn, out _);
        return found;
    }

    private async Task<T?> ReadOneAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string, object?)[] args)
        where T : class
    {
        await FlushAsync(ct).ConfigureAwait(false);
        await using var c = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = Command(c, null, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? read(r) : null;
    }

    private async Task<IReadOnlyList<T>> ReadManyAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string, object?)[] args)
    {
        await FlushAsync(ct).ConfigureAwait(false);
        await using var c = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = Command(c, null, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<T>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            list.Add(read(r));
        return list;
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // every statement is a constant in this file; values go through parameters.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in args)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private static async Task<int> ExecAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }
}
