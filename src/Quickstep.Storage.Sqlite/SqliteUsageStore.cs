using static Quickstep.Storage.Sqlite.SqliteDatabase;

namespace Quickstep.Storage.Sqlite;

/// <summary>Usage counters (written by the batches that complete executions) and retention.</summary>
internal sealed class SqliteUsageStore
{
    private readonly SqliteDatabase _db;

    public SqliteUsageStore(SqliteDatabase db) => _db = db;

    public Task<IReadOnlyList<UsageRecord>> GetUsageAsync(CancellationToken ct) =>
        _db.ReadManyAsync("SELECT sm_arn, executions, billed_ms, billed_mb_ms FROM usage ORDER BY sm_arn",
            r => new UsageRecord(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), ct);

    /// <summary>
    /// Deletes in transactions of at most <paramref name="batchSize"/> executions (with their history, logs and queue
    /// entries): writes queued meanwhile commit between them instead of waiting for the whole purge.
    /// </summary>
    public async Task<int> PurgeExecutionsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var n = await _db.WriteAsync(w =>
            {
                w.Exec("CREATE TEMP TABLE IF NOT EXISTS purge_batch(arn TEXT PRIMARY KEY) WITHOUT ROWID");
                w.Exec("DELETE FROM purge_batch");
                var n = w.Exec("INSERT INTO purge_batch SELECT arn FROM executions WHERE stop_date IS NOT NULL AND stop_date < $cut LIMIT $n", ("$cut", Ms(cutoff)), ("$n", batchSize));
                if (n == 0)
                    return 0;
                w.Exec("""
                    DELETE FROM history WHERE execution_arn IN (SELECT arn FROM purge_batch);
                    DELETE FROM logs WHERE execution_arn IN (SELECT arn FROM purge_batch);
                    DELETE FROM execution_history WHERE execution_arn IN (SELECT arn FROM purge_batch);
                    DELETE FROM execution_logs WHERE execution_arn IN (SELECT arn FROM purge_batch);
                    DELETE FROM queue WHERE execution_arn IN (SELECT arn FROM purge_batch);
                    DELETE FROM executions WHERE arn IN (SELECT arn FROM purge_batch);
                    """);
                return n;
            }, ct).ConfigureAwait(false);
            total += n;
            if (n < batchSize)
                break;
        }

        // Deleted machines are kept only for the executions still stored.
        await _db.WriteAsync(w => w.Exec("""
            DELETE FROM retired_state_machines WHERE arn NOT IN (SELECT sm_arn FROM executions);
            DELETE FROM retired_versions WHERE sm_arn NOT IN (SELECT sm_arn FROM executions);
            """), ct).ConfigureAwait(false);
        return total;
    }
}
