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

    public Task<int> PurgeExecutionsAsync(DateTimeOffset cutoff, CancellationToken ct) =>
        _db.WriteAsync(w =>
        {
            const string Old = "SELECT arn FROM executions WHERE stop_date IS NOT NULL AND stop_date < $cut";
            w.Exec($"""
                DELETE FROM history WHERE execution_arn IN ({Old});
                DELETE FROM logs WHERE execution_arn IN ({Old});
                DELETE FROM execution_history WHERE execution_arn IN ({Old});
                DELETE FROM execution_logs WHERE execution_arn IN ({Old});
                DELETE FROM queue WHERE execution_arn IN ({Old});
                """, ("$cut", Ms(cutoff)));
            var n = w.Exec("DELETE FROM executions WHERE stop_date IS NOT NULL AND stop_date < $cut", ("$cut", Ms(cutoff)));
            // Deleted machines are kept only for the executions still stored.
            w.Exec("""
                DELETE FROM retired_state_machines WHERE arn NOT IN (SELECT sm_arn FROM executions);
                DELETE FROM retired_versions WHERE sm_arn NOT IN (SELECT sm_arn FROM executions);
                """);
            return n;
        }, ct);
}
