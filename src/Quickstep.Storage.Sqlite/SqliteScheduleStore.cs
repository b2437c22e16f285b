using Microsoft.Data.Sqlite;

namespace Quickstep.Storage.Sqlite;

/// <summary>EventBridge Scheduler's groups, schedules and pending runs in the server's SQLite file, written through the store's single writer.</summary>
public sealed class SqliteScheduleStore : IScheduleStore
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

    private const string ScheduleColumns = "group_name,name,arn,state,target_arn,json,next_fire,creation_date,update_date";

    private readonly SqliteStore _store;

    public SqliteScheduleStore(SqliteStore store) => _store = store;

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec(Schema), cancellationToken);

    public Task<bool> TryCreateGroupAsync(ScheduleGroupRecord group, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        return _store.WriteAsync(w => w.Exec(
            "INSERT INTO schedule_groups(name,arn,creation_date,update_date) VALUES($n,$a,$c,$u) ON CONFLICT(name) DO NOTHING",
            ("$n", group.Name), ("$a", group.Arn), ("$c", SqliteStore.Ms(group.CreationDate)), ("$u", SqliteStore.Ms(group.LastModificationDate))) > 0, cancellationToken);
    }

    public async Task<ScheduleGroupRecord?> GetGroupAsync(string name, CancellationToken cancellationToken = default)
    {
        var page = await QueryGroupsAsync("SELECT name,arn,creation_date,update_date FROM schedule_groups WHERE name=$n", cancellationToken, ("$n", name)).ConfigureAwait(false);
        return page.Count > 0 ? page[0] : null;
    }

    public Task<bool> DeleteGroupAsync(string name, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w =>
        {
            w.Exec("DELETE FROM schedule_deliveries WHERE group_name=$n", ("$n", name));
            w.Exec("DELETE FROM schedules WHERE group_name=$n", ("$n", name));
            return w.Exec("DELETE FROM schedule_groups WHERE name=$n", ("$n", name)) > 0;
        }, cancellationToken);

    public async Task<StorePage<ScheduleGroupRecord>> ListGroupsAsync(string? namePrefix, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var items = await QueryGroupsAsync(
            "SELECT name,arn,creation_date,update_date FROM schedule_groups WHERE name>$after AND substr(name,1,length($p))=$p ORDER BY name LIMIT $l",
            cancellationToken, ("$after", after ?? string.Empty), ("$p", namePrefix ?? string.Empty), ("$l", limit + 1)).ConfigureAwait(false);
        return items.Count > limit ? new StorePage<ScheduleGroupRecord>(items.Take(limit).ToList(), items[limit - 1].Name) : new StorePage<ScheduleGroupRecord>(items, null);
    }

    public Task<bool> TryCreateScheduleAsync(ScheduleRecord schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return _store.WriteAsync(w => w.Exec(
            $"INSERT INTO schedules({ScheduleColumns}) VALUES($g,$n,$a,$s,$t,$j,$f,$c,$u) ON CONFLICT(group_name,name) DO NOTHING",
            ScheduleArgs(schedule)) > 0, cancellationToken);
    }

    public async Task<ScheduleRecord?> GetScheduleAsync(string groupName, string name, CancellationToken cancellationToken = default)
    {
        var list = await QuerySchedulesAsync($"SELECT {ScheduleColumns} FROM schedules WHERE group_name=$g AND name=$n", cancellationToken, ("$g", groupName), ("$n", name)).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    public Task<bool> UpdateScheduleAsync(ScheduleRecord schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return _store.WriteAsync(w => w.Exec(
            "UPDATE schedules SET arn=$a,state=$s,target_arn=$t,json=$j,next_fire=$f,creation_date=$c,update_date=$u WHERE group_name=$g AND name=$n",
            ScheduleArgs(schedule)) > 0, cancellationToken);
    }

    public Task<bool> DeleteScheduleAsync(string groupName, string name, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w =>
        {
            w.Exec("DELETE FROM schedule_deliveries WHERE group_name=$g AND name=$n", ("$g", groupName), ("$n", name));
            return w.Exec("DELETE FROM schedules WHERE group_name=$g AND name=$n", ("$g", groupName), ("$n", name)) > 0;
        }, cancellationToken);

    public async Task<StorePage<ScheduleRecord>> ListSchedulesAsync(string? groupName, string? namePrefix, string? state, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var (afterGroup, afterName) = after is null ? (string.Empty, string.Empty) : SplitKey(after);
        var items = await QuerySchedulesAsync(
            $"""
            SELECT {ScheduleColumns} FROM schedules
            WHERE (group_name,name)>($ag,$an) AND ($g IS NULL OR group_name=$g) AND substr(name,1,length($p))=$p AND ($s IS NULL OR state=$s)
            ORDER BY group_name,name LIMIT $l
            """,
            cancellationToken, ("$ag", afterGroup), ("$an", afterName), ("$g", groupName), ("$p", namePrefix ?? string.Empty), ("$s", state), ("$l", limit + 1)).ConfigureAwait(false);
        if (items.Count <= limit)
            return new StorePage<ScheduleRecord>(items, null);
        var last = items[limit - 1];
        return new StorePage<ScheduleRecord>(items.Take(limit).ToList(), last.GroupName + "/" + last.Name);
    }

    public async Task<DateTimeOffset?> EarliestDueAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT min(t) FROM (SELECT min(next_fire) t FROM schedules WHERE next_fire IS NOT NULL UNION ALL SELECT min(due) FROM schedule_deliveries)";
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long ms ? SqliteStore.Date(ms) : null;
    }

    public Task<IReadOnlyList<ScheduleRecord>> ListDueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        QuerySchedulesAsync($"SELECT {ScheduleColumns} FROM schedules WHERE next_fire IS NOT NULL AND next_fire<=$now ORDER BY next_fire LIMIT $l",
            cancellationToken, ("$now", SqliteStore.Ms(now)), ("$l", limit));

    public Task<IReadOnlyList<ScheduleDeliveryRecord>> AdvanceAsync(IReadOnlyList<ScheduleAdvance> advances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(advances);
        return _store.WriteAsync<IReadOnlyList<ScheduleDeliveryRecord>>(w =>
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

    public async Task<IReadOnlyList<ScheduleDeliveryRecord>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id,group_name,name,scheduled,due,attempts,json,delete_after FROM schedule_deliveries WHERE due<=$now ORDER BY due LIMIT $l";
        cmd.Parameters.Add(new SqliteParameter("$now", SqliteStore.Ms(now)));
        cmd.Parameters.Add(new SqliteParameter("$l", limit));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ScheduleDeliveryRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ScheduleDeliveryRecord
            {
                Id = r.GetInt64(0),
                GroupName = r.GetString(1),
                Name = r.GetString(2),
                ScheduledTime = SqliteStore.Date(r.GetInt64(3)),
                Due = SqliteStore.Date(r.GetInt64(4)),
                Attempts = r.GetInt32(5),
                Json = r.GetString(6),
                DeleteScheduleAfter = r.GetInt64(7) != 0,
            });
        }

        return list;
    }

    public Task CompleteDeliveriesAsync(IReadOnlyList<ScheduleDeliveryRecord> deliveries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        return _store.WriteAsync(w =>
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
        _store.WriteAsync(w => w.Exec("UPDATE schedule_deliveries SET due=$d, attempts=$a WHERE id=$i", ("$d", SqliteStore.Ms(due)), ("$a", attempts), ("$i", id)), cancellationToken);

    private static (string, string) SplitKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (key, string.Empty) : (key[..slash], key[(slash + 1)..]);
    }

    private static (string, object?)[] ScheduleArgs(ScheduleRecord s) =>
    [
        ("$g", s.GroupName), ("$n", s.Name), ("$a", s.Arn), ("$s", s.State), ("$t", s.TargetArn), ("$j", s.Json),
        ("$f", s.NextFire is { } f ? SqliteStore.Ms(f) : null), ("$c", SqliteStore.Ms(s.CreationDate)), ("$u", SqliteStore.Ms(s.LastModificationDate)),
    ];

    private async Task<IReadOnlyList<ScheduleRecord>> QuerySchedulesAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        await using var c = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = SqliteStore.Command(c, null, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ScheduleRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ScheduleRecord
            {
                GroupName = r.GetString(0),
                Name = r.GetString(1),
                Arn = r.GetString(2),
                State = r.GetString(3),
                TargetArn = r.GetString(4),
                Json = r.GetString(5),
                NextFire = r.IsDBNull(6) ? null : SqliteStore.Date(r.GetInt64(6)),
                CreationDate = SqliteStore.Date(r.GetInt64(7)),
                LastModificationDate = SqliteStore.Date(r.GetInt64(8)),
            });
        }

        return list;
    }

    private async Task<IReadOnlyList<ScheduleGroupRecord>> QueryGroupsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        await using var c = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = SqliteStore.Command(c, null, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ScheduleGroupRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ScheduleGroupRecord
            {
                Name = r.GetString(0),
                Arn = r.GetString(1),
                CreationDate = SqliteStore.Date(r.GetInt64(2)),
                LastModificationDate = SqliteStore.Date(r.GetInt64(3)),
            });
        }

        return list;
    }
}
