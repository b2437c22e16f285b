using System.Globalization;
using Quickstep.Engine;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// The console's aggregates over the executions table. A covering index by state machine then start time keeps them off
/// the table's wide rows and lets SQLite group by machine in index order (no sort): 2.5× less CPU than one led by start time.
/// </summary>
public sealed class SqliteExecutionStatistics : IExecutionStatistics
{
    private const string Schema = "CREATE INDEX IF NOT EXISTS ix_executions_sm_start ON executions(sm_arn, start_date, status, billed_ms, billed_mb);";

    /// <summary>Every machine with stored executions (deleted ones are kept while they have some): one index range per machine, not a scan of the retention period.</summary>
    private const string Machines = "(SELECT arn FROM state_machines UNION ALL SELECT arn FROM retired_state_machines)";

    private readonly SqliteStore _store;

    public SqliteExecutionStatistics(SqliteStore store) => _store = store;

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec(Schema), cancellationToken);

    public Task<IReadOnlyList<ExecutionCounts>> CountExecutionsAsync(DateTimeOffset hourStart, DateTimeOffset dayStart, CancellationToken cancellationToken = default) =>
        _store.Database.ReadManyAsync(
            "SELECT sm_arn, SUM(start_date >= $h), COUNT(*), SUM(status IN ('FAILED','TIMED_OUT','ABORTED')) FROM executions INDEXED BY ix_executions_sm_start WHERE sm_arn IN " + Machines + " AND start_date >= $d GROUP BY sm_arn",
            r => new ExecutionCounts(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), cancellationToken,
            ("$h", SqliteStore.Ms(hourStart)), ("$d", SqliteStore.Ms(dayStart)));

    public async Task<IReadOnlyList<UsageBucket>> GetUsageSeriesAsync(DateTimeOffset since, TimeSpan bucket, CancellationToken cancellationToken = default)
    {
        var width = Math.Max(1L, (long)bucket.TotalMilliseconds);
        // Running executions count with their billed duration still 0; grouped in the index's order, sorted by time here.
        var rows = await _store.Database.ReadManyAsync(
            "SELECT sm_arn, start_date / $w * $w AS b, COUNT(*), SUM(billed_ms), SUM(billed_ms * billed_mb) FROM executions INDEXED BY ix_executions_sm_start WHERE sm_arn IN " + Machines + " AND start_date >= $s GROUP BY sm_arn, b",
            r => new UsageBucket(r.GetString(0), SqliteStore.Date(r.GetInt64(1)), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), cancellationToken,
            ("$w", width), ("$s", SqliteStore.Ms(since))).ConfigureAwait(false);
        return [.. rows.OrderBy(b => b.Start).ThenBy(b => b.StateMachineArn, StringComparer.Ordinal)];
    }

    public Task<StorePage<ExecutionSummary>> SearchExecutionsAsync(string stateMachineArn, string namePrefix, ExecutionStatus? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(namePrefix);
        // The key is "rowid:name"; the (sm_arn, name) index walks names in order, rowid breaks ties between equal names.
        long afterRow = 0;
        string? afterName = null;
        if (after is not null && after.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && long.TryParse(after.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out afterRow))
            afterName = after[(colon + 1)..];
        return _store.Database.ReadPageAsync(
            "SELECT arn, sm_arn, name, status, start_date, stop_date, rowid FROM executions INDEXED BY ix_executions_name WHERE sm_arn=$sm AND name >= $p AND name < $q AND ($s IS NULL OR status=$s) " +
            "AND ($an IS NULL OR name > $an OR (name = $an AND rowid > $ar)) ORDER BY name, rowid LIMIT $limit",
            r => (new ExecutionSummary(r.GetString(0), r.GetString(1), r.GetString(2), ExecutionStatusNames.Parse(r.GetString(3)), SqliteStore.Date(r.GetInt64(4)), r.IsDBNull(5) ? null : SqliteStore.Date(r.GetInt64(5))),
                r.GetInt64(6).ToString(CultureInfo.InvariantCulture) + ":" + r.GetString(2)),
            limit, cancellationToken,
            ("$sm", stateMachineArn), ("$p", namePrefix), ("$q", namePrefix + "\U0010FFFF"), ("$s", status?.ToApiName()), ("$an", afterName), ("$ar", afterRow));
    }
}
