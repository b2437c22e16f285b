using System.Globalization;
using Npgsql;
using Quickstep.Engine;

namespace Quickstep.Storage.Postgres;

/// <summary>The console's aggregates over the executions table of <see cref="PostgresStore"/> (same answers as the SQLite ones), with a covering index by state machine then start time.</summary>
public sealed class PostgresExecutionStatistics : IExecutionStatistics
{
    private static readonly string[] Migrations =
    [
        "CREATE INDEX IF NOT EXISTS ix_executions_sm_start ON executions(sm_arn, start_date) INCLUDE (status, billed_ms, billed_mb)",
    ];

    private readonly PostgresDatabase _db;

    public PostgresExecutionStatistics(PostgresDatabase db) => _db = db;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _db.MigrateAsync("console", Migrations, cancellationToken);

    public async Task<IReadOnlyList<ExecutionCounts>> CountExecutionsAsync(DateTimeOffset hourStart, DateTimeOffset dayStart, CancellationToken cancellationToken = default)
    {
        await using var command = _db.DataSource.CreateCommand(
            "SELECT sm_arn, count(*) FILTER (WHERE start_date >= @h), count(*), count(*) FILTER (WHERE status IN ('FAILED','TIMED_OUT','ABORTED')) FROM executions WHERE start_date >= @d GROUP BY sm_arn");
        command.Parameters.AddWithValue("h", hourStart.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("d", dayStart.ToUnixTimeMilliseconds());
        var counts = new List<ExecutionCounts>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            counts.Add(new ExecutionCounts(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        return counts;
    }

    public async Task<IReadOnlyList<UsageBucket>> GetUsageSeriesAsync(DateTimeOffset since, TimeSpan bucket, CancellationToken cancellationToken = default)
    {
        var width = Math.Max(1L, (long)bucket.TotalMilliseconds);
        await using var command = _db.DataSource.CreateCommand(
            "SELECT sm_arn, start_date / @w * @w AS b, count(*), sum(billed_ms)::bigint, sum(billed_ms * billed_mb)::bigint FROM executions WHERE start_date >= @s GROUP BY sm_arn, b");
        command.Parameters.AddWithValue("w", width);
        command.Parameters.AddWithValue("s", since.ToUnixTimeMilliseconds());
        var rows = new List<UsageBucket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(new UsageBucket(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        return [.. rows.OrderBy(b => b.Start).ThenBy(b => b.StateMachineArn, StringComparer.Ordinal)];
    }

    public async Task<StorePage<ExecutionSummary>> SearchExecutionsAsync(string stateMachineArn, string namePrefix, ExecutionStatus? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(namePrefix);
        // The key is "seq:name"; names in byte order (COLLATE "C", as SQLite), seq breaks ties between equal names.
        long afterSeq = 0;
        string? afterName = null;
        if (after is not null && after.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && long.TryParse(after.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
            afterName = after[(colon + 1)..];
        await using var command = _db.DataSource.CreateCommand(
            "SELECT arn, sm_arn, name, status, start_date, stop_date, seq FROM executions WHERE sm_arn = @sm AND starts_with(name, @p) AND (@s::text IS NULL OR status = @s::text) " +
            "AND (@an::text IS NULL OR name COLLATE \"C\" > @an::text OR (name = @an::text AND seq > @ar)) ORDER BY name COLLATE \"C\", seq LIMIT @limit");
        command.Parameters.AddWithValue("sm", stateMachineArn);
        command.Parameters.AddWithValue("p", namePrefix);
        command.Parameters.Add(new NpgsqlParameter("s", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)status?.ToApiName() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("an", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)afterName ?? DBNull.Value });
        command.Parameters.AddWithValue("ar", afterSeq);
        command.Parameters.AddWithValue("limit", limit + 1);
        var items = new List<ExecutionSummary>();
        string? lastKey = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == limit)
                return new StorePage<ExecutionSummary>(items, lastKey);
            items.Add(new ExecutionSummary(reader.GetString(0), reader.GetString(1), reader.GetString(2), ExecutionStatusNames.Parse(reader.GetString(3)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
            lastKey = reader.GetInt64(6).ToString(CultureInfo.InvariantCulture) + ":" + reader.GetString(2);
        }

        return new StorePage<ExecutionSummary>(items, null);
    }
}
