using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge Scheduler's groups, schedules and pending runs in the server's SQLite file, written through the store's single writer.</summary>
public sealed class SqliteScheduleStore(SqliteStore store) : SqlScheduleStore(new SqliteStatements(store, Schema)), IScheduleStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS schedule_groups(
            name TEXT PRIMARY KEY, arn TEXT NOT NULL, creation_date INTEGER NOT NULL, update_date INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS schedules(
            group_name TEXT NOT NULL, name TEXT NOT NULL, arn TEXT NOT NULL, state TEXT NOT NULL, target_arn TEXT NOT NULL,
            json TEXT NOT NULL, next_fire INTEGER, creation_date INTEGER NOT NULL, update_date INTEGER NOT NULL,
            PRIMARY KEY(group_name, name));
        CREATE INDEX IF NOT EXISTS ix_schedules_next_fire ON schedules(next_fire) WHERE next_fire IS NOT NULL;
        CREATE TABLE IF NOT EXISTS schedule_deliveries(
            id INTEGER PRIMARY KEY, group_name TEXT NOT NULL, name TEXT NOT NULL, scheduled INTEGER NOT NULL,
            due INTEGER NOT NULL, attempts INTEGER NOT NULL, json TEXT NOT NULL, delete_after INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_schedule_deliveries_due ON schedule_deliveries(due);
        """;

    private const string ScheduleColumns = ScheduleRows.ScheduleColumns;

    public Task<bool> DeleteGroupAsync(string name, CancellationToken cancellationToken = default) =>
        store.WriteAsync(w =>
        {
            w.Exec("DELETE FROM schedule_deliveries WHERE group_name=$n", ("$n", name));
            w.Exec("DELETE FROM schedules WHERE group_name=$n", ("$n", name));
            return w.Exec("DELETE FROM schedule_groups WHERE name=$n", ("$n", name)) > 0;
        }, cancellationToken);

    public async Task<StorePage<ScheduleGroupRecord>> ListGroupsAsync(string? namePrefix, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var items = await store.Database.QueryAsync(
            $"SELECT {ScheduleRows.GroupColumns} FROM schedule_groups WHERE name>$after AND substr(name,1,length($p))=$p ORDER BY name LIMIT $l",
            ScheduleRows.Group, cancellationToken, ("$after", after ?? string.Empty), ("$p", namePrefix ?? string.Empty), ("$l", limit + 1)).ConfigureAwait(false);
        return DbReads.Page(items, limit, g => g.Name);
    }

    public Task<bool> DeleteScheduleAsync(string groupName, string name, CancellationToken cancellationToken = default) =>
        store.WriteAsync(w =>
        {
            w.Exec("DELETE FROM schedule_deliveries WHERE group_name=$g AND name=$n", ("$g", groupName), ("$n", name));
            return w.Exec("DELETE FROM schedules WHERE group_name=$g AND name=$n", ("$g", groupName), ("$n", name)) > 0;
        }, cancellationToken);

    public async Task<StorePage<ScheduleRecord>> ListSchedulesAsync(string? groupName, string? namePrefix, string? state, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var (afterGroup, afterName) = ScheduleRows.SplitKey(after);
        var items = await store.Database.QueryAsync(
            $"""
            SELECT {ScheduleColumns} FROM schedules
            WHERE (group_name,name)>($ag,$an) AND ($g IS NULL OR group_name=$g) AND substr(name,1,length($p))=$p AND ($s IS NULL OR state=$s)
            ORDER BY group_name,name LIMIT $l
            """,
            ScheduleRows.Schedule, cancellationToken, ("$ag", afterGroup), ("$an", afterName), ("$g", groupName), ("$p", namePrefix ?? string.Empty), ("$s", state), ("$l", limit + 1)).ConfigureAwait(false);
        return DbReads.Page(items, limit, ScheduleRows.Key);
    }

    public async Task<DateTimeOffset?> EarliestDueAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT min(t) FROM (SELECT min(next_fire) t FROM schedules WHERE next_fire IS NOT NULL UNION ALL SELECT min(due) FROM schedule_deliveries)";
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long ms ? SqliteStore.Date(ms) : null;
    }

    public Task<IReadOnlyList<ScheduleDeliveryRecord>> AdvanceAsync(IReadOnlyList<ScheduleAdvance> advances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(advances);
        return store.WriteAsync<IReadOnlyList<ScheduleDeliveryRecord>>(w =>
        {
            var written = new List<ScheduleDeliveryRecord>();
            foreach (var a in advances)
            {
                // Compare-and-set on the next run: a schedule updated or deleted meanwhile is left alone.
                var changed = w.Exec(
                    "UPDATE schedules SET next_fire=$f WHERE group_name=$g AND name=$n AND next_fire=$e",
                    ("$f", a.NewNextFire is { } f ? SqliteStore.Ms(f) : null), ("$g", a.GroupName), ("$n", a.Name), ("$e", SqliteStore.Ms(a.ExpectedNextFire)));
                if (changed == 0)
                    continue;
                foreach (var d in a.Deliveries)
                {
                    var id = (long)w.Scalar(
                        "INSERT INTO schedule_deliveries(group_name,name,scheduled,due,attempts,json,delete_after) VALUES($g,$n,$s,$d,$a,$j,$x) RETURNING id",
                        ("$g", d.GroupName), ("$n", d.Name), ("$s", SqliteStore.Ms(d.ScheduledTime)), ("$d", SqliteStore.Ms(d.Due)), ("$a", d.Attempts), ("$j", d.Json), ("$x", d.DeleteScheduleAfter ? 1 : 0))!;
                    written.Add(d with { Id = id });
                }
            }

            return written;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduleDeliveryRecord>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        await store.Database.QueryAsync($"SELECT {ScheduleRows.DeliveryColumns} FROM schedule_deliveries WHERE due<=$now ORDER BY due LIMIT $l",
            ScheduleRows.Delivery, cancellationToken, ("$now", SqliteStore.Ms(now)), ("$l", limit)).ConfigureAwait(false);

    public Task CompleteDeliveriesAsync(IReadOnlyList<ScheduleDeliveryRecord> deliveries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        return store.WriteAsync(w =>
        {
            foreach (var d in deliveries)
            {
                w.Exec("DELETE FROM schedule_deliveries WHERE id=$i", ("$i", d.Id));
                // ActionAfterCompletion DELETE: only a schedule that has no run left (it may have been updated since).
                if (d.DeleteScheduleAfter)
                    w.Exec("DELETE FROM schedules WHERE group_name=$g AND name=$n AND next_fire IS NULL", ("$g", d.GroupName), ("$n", d.Name));
            }

            return true;
        }, cancellationToken);
    }

    public Task RetryDeliveryAsync(long id, DateTimeOffset due, int attempts, CancellationToken cancellationToken = default) =>
        store.WriteAsync(w => w.Exec("UPDATE schedule_deliveries SET due=$d, attempts=$a WHERE id=$i", ("$d", SqliteStore.Ms(due)), ("$a", attempts), ("$i", id)), cancellationToken);
}
