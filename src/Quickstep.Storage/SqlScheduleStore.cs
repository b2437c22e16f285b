using Quickstep.Storage.Rows;

namespace Quickstep.Storage;

/// <summary>
/// Schedule groups and schedules by one statement each, the same in every dialect; a dialect's subclass does the rest of
/// <see cref="IScheduleStore"/> (deletes in a transaction, prefix listings, advancing and claiming runs) in its own way.
/// </summary>
public abstract class SqlScheduleStore : SqlStore
{
    private const string ScheduleColumns = ScheduleRows.ScheduleColumns;

    private protected SqlScheduleStore(StoreSql sql)
        : base(sql)
    {
    }

    public async Task<bool> TryCreateGroupAsync(ScheduleGroupRecord group, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        return await Sql.ExecAsync($"INSERT INTO schedule_groups({ScheduleRows.GroupColumns}) VALUES(@n,@a,@c,@u) ON CONFLICT(name) DO NOTHING", cancellationToken,
            ("@n", group.Name), ("@a", group.Arn), ("@c", group.CreationDate.ToUnixTimeMilliseconds()), ("@u", group.LastModificationDate.ToUnixTimeMilliseconds())).ConfigureAwait(false) > 0;
    }

    public async Task<ScheduleGroupRecord?> GetGroupAsync(string name, CancellationToken cancellationToken = default) =>
        (await Sql.QueryAsync($"SELECT {ScheduleRows.GroupColumns} FROM schedule_groups WHERE name=@n", ScheduleRows.Group, cancellationToken, ("@n", name)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> TryCreateScheduleAsync(ScheduleRecord schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return await Sql.ExecAsync($"INSERT INTO schedules({ScheduleColumns}) VALUES(@g,@n,@a,@s,@t,@j,@f,@c,@u) ON CONFLICT(group_name,name) DO NOTHING",
            cancellationToken, ScheduleArgs(schedule)).ConfigureAwait(false) > 0;
    }

    public async Task<ScheduleRecord?> GetScheduleAsync(string groupName, string name, CancellationToken cancellationToken = default) =>
        (await Sql.QueryAsync($"SELECT {ScheduleColumns} FROM schedules WHERE group_name=@g AND name=@n", ScheduleRows.Schedule, cancellationToken,
            ("@g", groupName), ("@n", name)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> UpdateScheduleAsync(ScheduleRecord schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return await Sql.ExecAsync(
            "UPDATE schedules SET arn=@a,state=@s,target_arn=@t,json=@j,next_fire=@f,creation_date=@c,update_date=@u WHERE group_name=@g AND name=@n",
            cancellationToken, ScheduleArgs(schedule)).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<ScheduleRecord>> ListDueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        await Sql.QueryAsync($"SELECT {ScheduleColumns} FROM schedules WHERE next_fire IS NOT NULL AND next_fire<=@now ORDER BY next_fire LIMIT @l",
            ScheduleRows.Schedule, cancellationToken, ("@now", now.ToUnixTimeMilliseconds()), ("@l", limit)).ConfigureAwait(false);

    private static (string, object?)[] ScheduleArgs(ScheduleRecord s) =>
    [
        ("@g", s.GroupName), ("@n", s.Name), ("@a", s.Arn), ("@s", s.State), ("@t", s.TargetArn), ("@j", s.Json),
        ("@f", s.NextFire?.ToUnixTimeMilliseconds()), ("@c", s.CreationDate.ToUnixTimeMilliseconds()), ("@u", s.LastModificationDate.ToUnixTimeMilliseconds()),
    ];
}
