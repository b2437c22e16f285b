using Npgsql;
using NpgsqlTypes;
using Quickstep.Engine;
using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// The statements of one group commit, one round trip in one (implicit) transaction: every insert in one statement,
/// every final record in another that also adds the usage counters over the records it changed (summed per state
/// machine, in ARN order so that nodes never deadlock on them), then the queue entries, history, logs and stop
/// notifications, one statement each over arrays. A batch holds at most one insert and one final record per
/// execution, the insert first (<see cref="Admits"/>), so this order commits what the writes one by one in their
/// order would.
/// </summary>
internal static class PostgresWriteBatch
{
    private const string Columns = ExecutionRows.Columns;

    // The row of each write comes back as its index in the batch (w): the writes whose row was inserted.
    private const string InsertSql = $"""
        WITH v AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
            $10::text[], $11::text[], $12::bigint[], $13::bigint[], $14::boolean[], $15::bigint[], $16::bigint[], $17::text[], $18::boolean[],
            $19::text[], $20::boolean[], $21::integer[]) AS v({Columns},owner,enqueue,w)),
        ins AS (INSERT INTO executions({Columns},owner) SELECT {Columns},owner FROM v ORDER BY w ON CONFLICT (arn) DO NOTHING RETURNING arn, seq),
        q AS (INSERT INTO queue(execution_arn,state,owner) SELECT ins.arn, 0, v.owner FROM ins JOIN v USING (arn) WHERE v.enqueue ORDER BY ins.seq)
        SELECT v.w FROM ins JOIN v USING (arn)
        """;

    // Only RUNNING → final (whatever ended the execution first decides its record); the writes whose record changed.
    private const string FinalSql = """
        WITH v AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[],
            $9::text[], $10::boolean[], $11::text[], $12::bigint[], $13::integer[]) AS v(arn,status,output,error,cause,stop_date,billed_ms,billed_mb,log_level,log_data,sm,mb_ms,w)),
        f AS (UPDATE executions e SET status=v.status, output=v.output, error=v.error, cause=v.cause, stop_date=v.stop_date,
            billed_ms=v.billed_ms, billed_mb=v.billed_mb, log_level=v.log_level, log_data=v.log_data
            FROM v WHERE e.arn=v.arn AND e.status='RUNNING' RETURNING v.w, v.sm, v.billed_ms, v.mb_ms),
        u AS (INSERT INTO usage(sm_arn,executions,billed_ms,billed_mb_ms)
            SELECT sm, count(*), sum(billed_ms)::bigint, sum(mb_ms)::bigint FROM f GROUP BY sm ORDER BY sm COLLATE "C"
            ON CONFLICT (sm_arn) DO UPDATE SET executions=usage.executions+excluded.executions,
            billed_ms=usage.billed_ms+excluded.billed_ms, billed_mb_ms=usage.billed_mb_ms+excluded.billed_mb_ms)
        SELECT w FROM f
        """;

    private const string EndQueueEntriesSql = "UPDATE queue SET state=2 WHERE execution_arn = ANY($1::text[])";

    /// <summary>The stored status (after the final records) is the one the write ended with.</summary>
    private const string StatusIs = "EXISTS (SELECT 1 FROM executions e WHERE e.arn=v.arn AND e.status=v.status)";

    private const string ArnStatus = "unnest($1::text[], $2::text[]) AS v(arn,status)";

    private const string NotifySql = $"SELECT pg_notify('{PostgresNotifications.Channel}', '{PostgresStore.ExecutionStoppedTopic}:' || a) FROM unnest($1::text[]) AS a";

    /// <summary>
    /// Whether <paramref name="write"/> may join a batch holding <paramref name="executions"/> (ARN → it has a final
    /// record there), which it then joins: an execution at most once inserted and once ended, the insert first.
    /// </summary>
    public static bool Admits(Dictionary<string, bool> executions, PostgresWrite write)
    {
        var arn = write.Execution.Arn;
        if (write.IsInsert)
            return executions.TryAdd(arn, false);
        if (executions.TryGetValue(arn, out var ended) && ended)
            return false;
        executions[arn] = true;
        return true;
    }

    /// <summary>Commits <paramref name="writes"/> (admitted in this order) and returns each one's result.</summary>
    public static async Task<bool[]> CommitAsync(NpgsqlDataSource source, IReadOnlyList<PostgresWrite> writes)
    {
        var inserts = new List<int>();
        var finals = new List<int>();
        for (var i = 0; i < writes.Count; i++)
            (writes[i].IsInsert ? inserts : finals).Add(i);

        await using var connection = await source.OpenConnectionAsync().ConfigureAwait(false);
        // No explicit transaction: a batch runs as one implicit transaction (one Sync), committed in its round trip.
        await using var batch = new NpgsqlBatch(connection);
        if (inserts.Count > 0)
            batch.BatchCommands.Add(InsertCommand(writes, inserts));
        if (finals.Count > 0)
            AddFinalCommands(batch, writes, finals);

        var results = new bool[writes.Count];
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        // The insert's rows come first, then the final records' (both statements return rows, even none).
        var more = true;
        for (var set = (inserts.Count > 0 ? 1 : 0) + (finals.Count > 0 ? 1 : 0); set > 0; set--)
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
                results[reader.GetInt32(0)] = true;
            more = await reader.NextResultAsync().ConfigureAwait(false);
        }

        // The rest (and the commit): an error there fails the whole batch.
        while (more)
            more = await reader.NextResultAsync().ConfigureAwait(false);
        return results;
    }

    private static NpgsqlBatchCommand InsertCommand(IReadOnlyList<PostgresWrite> writes, List<int> at)
    {
        var c = new NpgsqlBatchCommand(InsertSql);
        Text(c, writes, at, e => e.Arn);
        Text(c, writes, at, e => e.StateMachineArn);
        Text(c, writes, at, e => e.StateMachineVersionArn);
        Text(c, writes, at, e => e.StateMachineAliasArn);
        Text(c, writes, at, e => e.Name);
        Text(c, writes, at, e => e.Status.ToApiName());
        Text(c, writes, at, e => e.Input);
        Text(c, writes, at, e => e.Output);
        Text(c, writes, at, e => e.Error);
        Text(c, writes, at, e => e.Cause);
        Text(c, writes, at, e => e.TraceHeader);
        Column(c, NpgsqlDbType.Bigint, writes, at, w => (long?)PostgresSql.Ms(w.Execution.StartDate));
        Column(c, NpgsqlDbType.Bigint, writes, at, w => w.Execution.StopDate is { } s ? PostgresSql.Ms(s) : (long?)null);
        Column(c, NpgsqlDbType.Boolean, writes, at, w => w.Execution.Sync);
        Column(c, NpgsqlDbType.Bigint, writes, at, w => w.Execution.BilledDurationMilliseconds);
        Column(c, NpgsqlDbType.Bigint, writes, at, w => w.Execution.BilledMemoryMegabytes);
        Text(c, writes, at, e => e.LogLevel);
        Column(c, NpgsqlDbType.Boolean, writes, at, w => w.Execution.LogIncludesExecutionData);
        Column(c, NpgsqlDbType.Text, writes, at, w => w.Owner);
        Column(c, NpgsqlDbType.Boolean, writes, at, w => w.Enqueue);
        Indexes(c, at);
        return c;
    }

    private static void AddFinalCommands(NpgsqlBatch batch, IReadOnlyList<PostgresWrite> writes, List<int> finals)
    {
        var c = new NpgsqlBatchCommand(FinalSql);
        Text(c, writes, finals, e => e.Arn);
        Text(c, writes, finals, e => e.Status.ToApiName());
        Text(c, writes, finals, e => e.Output);
        Text(c, writes, finals, e => e.Error);
        Text(c, writes, finals, e => e.Cause);
        Column(c, NpgsqlDbType.Bigint, writes, finals, w => w.Execution.StopDate is { } s ? PostgresSql.Ms(s) : (long?)null);
        Column(c, NpgsqlDbType.Bigint, writes, finals, w => w.Execution.BilledDurationMilliseconds);
        Column(c, NpgsqlDbType.Bigint, writes, finals, w => w.Execution.BilledMemoryMegabytes);
        Text(c, writes, finals, e => e.LogLevel);
        Column(c, NpgsqlDbType.Boolean, writes, finals, w => w.Execution.LogIncludesExecutionData);
        Text(c, writes, finals, e => e.StateMachineArn);
        Column(c, NpgsqlDbType.Bigint, writes, finals, w => w.Execution.BilledDurationMilliseconds * w.Execution.BilledMemoryMegabytes);
        Indexes(c, finals);
        batch.BatchCommands.Add(c);

        var ending = finals.FindAll(i => writes[i].EndsQueueEntry);
        if (ending.Count > 0)
        {
            var q = new NpgsqlBatchCommand(EndQueueEntriesSql);
            Text(q, writes, ending, e => e.Arn);
            batch.BatchCommands.Add(q);
        }

        var replacing = finals.FindAll(i => writes[i].ReplacesEarlierRun);
        if (replacing.Count > 0)
        {
            batch.BatchCommands.Add(ByStatus($"DELETE FROM execution_history t USING {ArnStatus} WHERE t.execution_arn=v.arn AND {StatusIs}", writes, replacing));
            batch.BatchCommands.Add(ByStatus($"DELETE FROM execution_logs t USING {ArnStatus} WHERE t.execution_arn=v.arn AND {StatusIs}", writes, replacing));
        }

        AddBodies(batch, writes, finals, "execution_history", "events", w => w.History);
        AddBodies(batch, writes, finals, "execution_logs", "records", w => w.Logs);

        var stops = finals.FindAll(i => writes[i].NotifiesStop);
        if (stops.Count > 0)
        {
            // Sent at commit; the node running it stops the run (its own final record then changes nothing but the history).
            var n = new NpgsqlBatchCommand(NotifySql);
            Text(n, writes, stops, e => e.Arn);
            batch.BatchCommands.Add(n);
        }
    }

    /// <summary>The history (or logs) of the writes that have some, stored while the execution's status is the one the write ended with.</summary>
    private static void AddBodies(NpgsqlBatch batch, IReadOnlyList<PostgresWrite> writes, List<int> finals, string table, string column, Func<PostgresWrite, string?> body)
    {
        var with = finals.FindAll(i => body(writes[i]) is not null);
        if (with.Count == 0)
            return;
        var c = ByStatus($"INSERT INTO {table}(execution_arn,{column}) SELECT v.arn, v.body FROM unnest($1::text[], $2::text[], $3::text[]) AS v(arn,status,body) WHERE {StatusIs} ON CONFLICT (execution_arn) DO UPDATE SET {column}=excluded.{column}", writes, with);
        Column(c, NpgsqlDbType.Text, writes, with, body);
        batch.BatchCommands.Add(c);
    }

    /// <summary>A statement over the writes' ARNs ($1) and final statuses ($2).</summary>
    private static NpgsqlBatchCommand ByStatus(string sql, IReadOnlyList<PostgresWrite> writes, List<int> at)
    {
#pragma warning disable CA2100 // every statement is a constant of this class; values go through parameters.
        var c = new NpgsqlBatchCommand(sql);
#pragma warning restore CA2100
        Text(c, writes, at, e => e.Arn);
        Text(c, writes, at, e => e.Status.ToApiName());
        return c;
    }

    private static void Text(NpgsqlBatchCommand command, IReadOnlyList<PostgresWrite> writes, List<int> at, Func<ExecutionRecord, string?> value) =>
        Column(command, NpgsqlDbType.Text, writes, at, w => value(w.Execution));

    private static void Indexes(NpgsqlBatchCommand command, List<int> at) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = at.ToArray() });

    /// <summary>One array parameter: the value of each write at <paramref name="at"/>, in order.</summary>
    private static void Column<T>(NpgsqlBatchCommand command, NpgsqlDbType type, IReadOnlyList<PostgresWrite> writes, List<int> at, Func<PostgresWrite, T> value)
    {
        var values = new T[at.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = value(writes[at[i]]);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values });
    }
}
