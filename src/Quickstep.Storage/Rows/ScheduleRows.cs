using System.Data.Common;
using static Quickstep.Storage.Rows.DbReads;

namespace Quickstep.Storage.Rows;

/// <summary>Schedule groups, schedules and deliveries: the columns both dialects select, in order, the records read from them and the schedules' page key.</summary>
internal static class ScheduleRows
{
    public const string GroupColumns = "name,arn,creation_date,update_date";

    public const string ScheduleColumns = "group_name,name,arn,state,target_arn,json,next_fire,creation_date,update_date";

    public const string DeliveryColumns = "id,group_name,name,scheduled,due,attempts,json,delete_after";

    public static ScheduleGroupRecord Group(DbDataReader r) => new()
    {
        Name = r.GetString(0),
        Arn = r.GetString(1),
        CreationDate = Date(r, 2),
        LastModificationDate = Date(r, 3),
    };

    public static ScheduleRecord Schedule(DbDataReader r) => new()
    {
        GroupName = r.GetString(0),
        Name = r.GetString(1),
        Arn = r.GetString(2),
        State = r.GetString(3),
        TargetArn = r.GetString(4),
        Json = r.GetString(5),
        NextFire = NullableDate(r, 6),
        CreationDate = Date(r, 7),
        LastModificationDate = Date(r, 8),
    };

    /// <summary>A delivery; <c>delete_after</c> is a boolean in PostgreSQL and 0/1 in SQLite, which GetBoolean reads alike.</summary>
    public static ScheduleDeliveryRecord Delivery(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        GroupName = r.GetString(1),
        Name = r.GetString(2),
        ScheduledTime = Date(r, 3),
        Due = Date(r, 4),
        Attempts = r.GetInt32(5),
        Json = r.GetString(6),
        DeleteScheduleAfter = r.GetBoolean(7),
    };

    /// <summary>Schedules page by (group, name): the key is "group/name".</summary>
    public static string Key(ScheduleRecord s) => s.GroupName + "/" + s.Name;

    /// <summary>The (group, name) a schedules' page key holds; empty strings (before every schedule) for the first page.</summary>
    public static (string Group, string Name) SplitKey(string? key)
    {
        if (key is null)
            return (string.Empty, string.Empty);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (key, string.Empty) : (key[..slash], key[(slash + 1)..]);
    }
}
