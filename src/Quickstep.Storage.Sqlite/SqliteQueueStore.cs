using static Quickstep.Storage.Sqlite.SqliteDatabase;

namespace Quickstep.Storage.Sqlite;

/// <summary>The durable queue of asynchronous executions (accepted → running → done).</summary>
internal sealed class SqliteQueueStore
{
    private readonly SqliteDatabase _db;
    private long _queueSeq;

    public SqliteQueueStore(SqliteDatabase db) => _db = db;

    /// <summary>On the writer's connection before it starts: only the writer hands sequence numbers out, so it keeps the next one in memory.</summary>
    public void Load(SqliteBatch w) => _queueSeq = w.Scalar("SELECT IFNULL(MAX(seq),0) FROM queue") is long q ? q : 0;

    /// <summary>On the writer thread, in the transaction that stores the execution.</summary>
    public void Enqueue(SqliteBatch w, string executionArn) =>
        w.Exec("INSERT INTO queue(execution_arn,state,seq,attempts) VALUES($a,$s,$seq,0)", ("$a", executionArn), ("$s", (int)QueueState.Accepted), ("$seq", ++_queueSeq));

    /// <summary>On the writer thread, in the transaction that completes the execution.</summary>
    public static void MarkDone(SqliteBatch w, string executionArn) =>
        w.Exec("UPDATE queue SET state=$s WHERE execution_arn=$a", ("$a", executionArn), ("$s", (int)QueueState.Done));

    public Task<int> MarkRunningAsync(string executionArn, CancellationToken ct) =>
        _db.WriteAsync(w => w.Scalar("UPDATE queue SET state=$s, attempts=attempts+1 WHERE execution_arn=$a RETURNING attempts", ("$a", executionArn), ("$s", (int)QueueState.Running)) is long n ? (int)n : 0, ct);

    public Task<IReadOnlyList<string>> RecoverQueueAsync(CancellationToken ct) =>
        _db.WriteAsync<IReadOnlyList<string>>(w =>
        {
            w.Exec("UPDATE queue SET state=$acc WHERE state=$run", ("$acc", (int)QueueState.Accepted), ("$run", (int)QueueState.Running));
            var list = new List<string>();
            using var r = w.Command("SELECT execution_arn FROM queue WHERE state=$acc ORDER BY seq", ("$acc", (int)QueueState.Accepted)).ExecuteReader();
            while (r.Read())
                list.Add(r.GetString(0));
            return list;
        }, ct);

    public async Task<QueueState?> GetQueueStateAsync(string executionArn, CancellationToken ct)
    {
        await _db.FlushAsync(ct).ConfigureAwait(false);
        await using var c = await _db.OpenAsync(ct).ConfigureAwait(false);
        return await ScalarAsync(c, null, "SELECT state FROM queue WHERE execution_arn=$a", ct, ("$a", executionArn)).ConfigureAwait(false) is long s ? (QueueState)s : null;
    }
}
