using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// EventBridge Scheduler's groups, schedules and pending runs in PostgreSQL, shared by every node. A due time fires
/// once across the cluster: <see cref="AdvanceAsync"/> moves a schedule's next run by compare-and-set, so of two
/// nodes advancing the same run only one writes its deliveries. Listing due deliveries claims them (hidden from
/// every other caller until <see cref="PostgresServiceStoreOptions.ClaimLease"/> after the listing's time, or until
/// they are completed or retried), so a run is handed to one node at a time.
/// </summary>
public sealed class PostgresScheduleStore : SqlScheduleStore, IScheduleStore
{
    private const string ScheduleColumns = ScheduleRows.ScheduleColumns;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE schedule_groups(
            name text COLLATE "C" PRIMARY KEY, arn text NOT NULL, creation_date bigint NOT NULL, update_date bigint NOT NULL);
        CREATE TABLE schedules(
            group_name text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, arn text NOT NULL, state text NOT NULL, target_arn text NOT NULL,
            json text NOT NULL, next_fire bigint, creation_date bigint NOT NULL, update_date bigint NOT NULL,
            PRIMARY KEY(group_name, name));
        CREATE INDEX ix_schedules_next_fire ON schedules(next_fire) WHERE next_fire IS NOT NULL;
        CREATE TABLE schedule_deliveries(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, group_name text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, scheduled bigint NOT NULL,
            due bigint NOT NULL, attempts integer NOT NULL, json text NOT NULL, delete_after boolean NOT NULL, claimed_until bigint);
        CREATE INDEX ix_schedule_deliveries_due ON schedule_deliveries(due);
        CREATE INDEX ix_schedule_deliveries_schedule ON schedule_deliveries(group_name, name);
        """,
    ];

    private readonly PostgresDatabase _db;
    private readonly PostgresServiceStoreOptions _options;

    public PostgresScheduleStore(PostgresDatabase database, PostgresServiceStoreOptions? options = null)
        : base(new PostgresStatements(database, "scheduler", Migrations))
    {
        _db = database;
        _options = options ?? new PostgresServiceStoreOptions();
    }

    public Task<bool> DeleteGroupAsync(string name, CancellationToken cancellationToken = default) =>
        PgSql.InTransactionAsync(_db, async (c, t) =>
        {
            await PgSql.ExecAsync(c, t, "DELETE FROM schedule_deliveries WHERE group_name=@n", cancellationToken, ("n", name)).ConfigureAwait(false);
            await PgSql.ExecAsync(c, t, "DELETE FROM schedules WHERE group_name=@n", cancellationToken, ("n", name)).ConfigureAwait(false);
            return await PgSql.ExecAsync(c, t, "DELETE FROM schedule_groups WHERE name=@n", cancellationToken, ("n", name)).ConfigureAwait(false) > 0;
        }, cancellationToken);

    public async Task<StorePage<ScheduleGroupRecord>> ListGroupsAsync(string? namePrefix, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var items = await PgSql.QueryAsync(_db,
            $"SELECT {ScheduleRows.GroupColumns} FROM schedule_groups WHERE name>@after AND starts_with(name, @p) ORDER BY name LIMIT @l",
            ScheduleRows.Group, cancellationToken, ("after", after ?? string.Empty), ("p", namePrefix ?? string.Empty), ("l", limit + 1)).ConfigureAwait(false);
        return DbReads.Page(items, limit, g => g.Name);
    }

    public Task<bool> DeleteScheduleAsync(string groupName, string name, CancellationToken cancellationToken = default) =>
        PgSql.InTransactionAsync(_db, async (c, t) =>
        {
            await PgSql.ExecAsync(c, t, "DELETE FROM schedule_deliveries WHERE group_name=@g AND name=@n", cancellationToken, ("g", groupName), ("n", name)).ConfigureAwait(false);
            return await PgSql.ExecAsync(c, t, "DELETE FROM schedules WHERE group_name=@g AND name=@n", cancellationToken, ("g", groupName), ("n", name)).ConfigureAwait(false) > 0;
        }, cancellationToken);

    public async Task<StorePage<ScheduleRecord>> ListSchedulesAsync(string? groupName, string? namePrefix, string? state, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var (afterGroup, afterName) = ScheduleRows.SplitKey(after);
        var items = await PgSql.QueryAsync(_db, $"""
            SELECT {ScheduleColumns} FROM schedules
            WHERE (group_name,name)>(@ag::text,@an::text) AND (@g::text IS NULL OR group_name=@g::text) AND starts_with(name, @p) AND (@s::text IS NULL OR state=@s::text)
            ORDER BY group_name,name LIMIT @l
            """, ScheduleRows.Schedule, cancellationToken,
            ("ag", afterGroup), ("an", afterName), ("g", groupName), ("p", namePrefix ?? string.Empty), ("s", state), ("l", limit + 1)).ConfigureAwait(false);
        return DbReads.Page(items, limit, ScheduleRows.Key);
    }

    /// <summary>A delivery another node holds counts from the end of its claim, so a waiting runner does not spin on it.</summary>
    public async Task<DateTimeOffset?> EarliestDueAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var value = await PgSql.ScalarAsync(c, null, """
            SELECT min(t) FROM (SELECT min(next_fire) t FROM schedules WHERE next_fire IS NOT NULL
                                UNION ALL SELECT min(GREATEST(due, COALESCE(claimed_until, due))) FROM schedule_deliveries) x
            """, cancellationToken).ConfigureAwait(false);
        return value is long ms ? PgSql.Date(ms) : null;
    }

    public Task<IReadOnlyList<ScheduleDeliveryRecord>> AdvanceAsync(IReadOnlyList<ScheduleAdvance> advances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(advances);
        return PgSql.InTransactionAsync<IReadOnlyList<ScheduleDeliveryRecord>>(_db, async (c, t) =>
        {
            var written = new List<ScheduleDeliveryRecord>();
            foreach (var a in advances)
            {
                // Compare-and-set on the next run: of two nodes advancing the same run, the second finds it moved (its
                // UPDATE waits for the first's row lock, then re-reads the row) and writes nothing.
                var changed = await PgSql.ExecAsync(c, t, "UPDATE schedules SET next_fire=@f WHERE group_name=@g AND name=@n AND next_fire=@e", cancellationToken,
                    ("f", a.NewNextFire is { } f ? PgSql.Ms(f) : null), ("g", a.GroupName), ("n", a.Name), ("e", PgSql.Ms(a.ExpectedNextFire))).ConfigureAwait(false);
                if (changed == 0)
                    continue;
                foreach (var d in a.Deliveries)
                {
                    var id = (long)(await PgSql.ScalarAsync(c, t,
                        "INSERT INTO schedule_deliveries(group_name,name,scheduled,due,attempts,json,delete_after) VALUES(@g,@n,@s,@d,@a,@j,@x) RETURNING id", cancellationToken,
                        ("g", d.GroupName), ("n", d.Name), ("s", PgSql.Ms(d.ScheduledTime)), ("d", PgSql.Ms(d.Due)), ("a", d.Attempts), ("j", d.Json), ("x", d.DeleteScheduleAfter)).ConfigureAwait(false))!;
                    written.Add(d with { Id = id });
                }
            }

            return written;
        }, cancellationToken);
    }

    /// <summary>Pending deliveries due at or before <paramref name="now"/> that no node holds, earliest first, claimed until <paramref name="now"/> plus the lease.</summary>
    public async Task<IReadOnlyList<ScheduleDeliveryRecord>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var nowMs = PgSql.Ms(now);
        var list = await PgSql.QueryAsync(_db, """
            WITH picked AS (
                SELECT id FROM schedule_deliveries WHERE due<=@now AND (claimed_until IS NULL OR claimed_until<=@now)
                ORDER BY due, id LIMIT @l FOR UPDATE SKIP LOCKED)
            UPDATE schedule_deliveries d SET claimed_until=@until FROM picked WHERE d.id=picked.id
            RETURNING d.id,d.group_name,d.name,d.scheduled,d.due,d.attempts,d.json,d.delete_after
            """, ScheduleRows.Delivery, cancellationToken, ("now", nowMs), ("l", limit), ("until", nowMs + (long)_options.ClaimLease.TotalMilliseconds)).ConfigureAwait(false);
        list.Sort((a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Id.CompareTo(b.Id));
        return list;
    }

    public Task CompleteDeliveriesAsync(IReadOnlyList<ScheduleDeliveryRecord> deliveries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
            return Task.CompletedTask;
        return PgSql.InTransactionAsync(_db, async (c, t) =>
        {
            foreach (var d in deliveries)
            {
                await PgSql.ExecAsync(c, t, "DELETE FROM schedule_deliveries WHERE id=@i", cancellationToken, ("i", d.Id)).ConfigureAwait(false);
                // ActionAfterCompletion DELETE: only a schedule that has no run left (it may have been updated since).
                if (d.DeleteScheduleAfter)
                    await PgSql.ExecAsync(c, t, "DELETE FROM schedules WHERE group_name=@g AND name=@n AND next_fire IS NULL", cancellationToken, ("g", d.GroupName), ("n", d.Name)).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>Stores the next attempt and releases the claim, so whichever node is free when it is due takes it.</summary>
    public Task RetryDeliveryAsync(long id, DateTimeOffset due, int attempts, CancellationToken cancellationToken = default) =>
        PgSql.ExecAsync(_db, "UPDATE schedule_deliveries SET due=@d, attempts=@a, claimed_until=NULL WHERE id=@i", cancellationToken, ("d", PgSql.Ms(due)), ("a", attempts), ("i", id));
}
