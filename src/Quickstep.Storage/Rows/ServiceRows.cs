using System.Data.Common;
using static Quickstep.Storage.Rows.DbReads;

namespace Quickstep.Storage.Rows;

/// <summary>The services' records (connections, Glue jobs, SNS topics): the columns both dialects select, in order, and the records read from them.</summary>
internal static class ServiceRows
{
    public const string ConnectionColumns = "name,arn,json";

    public const string TopicColumns = "arn,name,attributes,tags,creation_date";

    public const string SubscriptionColumns = "arn,topic_arn,protocol,endpoint,attributes,pending,token,creation_date";

    public static ConnectionRecord Connection(DbDataReader r) => new() { Name = r.GetString(0), Arn = r.GetString(1), Json = r.GetString(2) };

    public static GlueJobRecord GlueJob(DbDataReader r) => new(r.GetString(0), r.GetString(1));

    public static GlueJobRunRecord GlueJobRun(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3));

    public static TopicRecord Topic(DbDataReader r) => new()
    {
        Arn = r.GetString(0),
        Name = r.GetString(1),
        Attributes = StoreJson.Map(r.GetString(2)),
        Tags = StoreJson.Tags(r.GetString(3)),
        CreationTime = Date(r, 4),
    };

    /// <summary>A subscription; <c>pending</c> is a boolean in PostgreSQL and 0/1 in SQLite, which GetBoolean reads alike.</summary>
    public static SubscriptionRecord Subscription(DbDataReader r) => new()
    {
        Arn = r.GetString(0),
        TopicArn = r.GetString(1),
        Protocol = r.GetString(2),
        Endpoint = r.GetString(3),
        Attributes = StoreJson.Map(r.GetString(4)),
        PendingConfirmation = r.GetBoolean(5),
        Token = NullableString(r, 6),
        CreationTime = Date(r, 7),
    };
}
