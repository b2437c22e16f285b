using System.Data.Common;
using static Quickstep.Storage.Rows.DbReads;

namespace Quickstep.Storage.Rows;

/// <summary>The services' records (connections, Glue jobs, SNS topics, event buses, SQS queues): the columns both dialects select, in order, and the records read from them.</summary>
internal static class ServiceRows
{
    public const string ConnectionColumns = "name,arn,json";

    public const string TopicColumns = "arn,name,attributes,tags,creation_date";

    public const string SubscriptionColumns = "arn,topic_arn,protocol,endpoint,attributes,pending,token,creation_date";

    public const string EventBusColumns = "name,arn,description,tags,creation_date,update_date";

    public const string MessageQueueColumns = "name,attributes,tags,created,modified";

    public const string MessageColumns = "seq,queue,id,body,attributes,trace_header,sent,visible_at,receive_count,first_receive,group_id,dedup_id,sequence_number,source_arn";

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

    public static EventBusRecord EventBus(DbDataReader r) => new()
    {
        Name = r.GetString(0),
        Arn = r.GetString(1),
        Description = NullableString(r, 2),
        Tags = StoreJson.Tags(r.GetString(3)),
        CreationTime = Date(r, 4),
        LastModifiedTime = Date(r, 5),
    };

    /// <summary>An accepted event from the columns seq, id, bus, json, received.</summary>
    public static StoredEvent Event(DbDataReader r) => new()
    {
        Sequence = r.GetInt64(0),
        Id = r.GetString(1),
        EventBusName = r.GetString(2),
        Json = r.GetString(3),
        ReceivedTime = Date(r, 4),
    };

    public static MessageQueueRecord MessageQueue(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4));

    public static StoredMessageRecord Message(DbDataReader r) => new()
    {
        Seq = r.GetInt64(0),
        Queue = r.GetString(1),
        MessageId = r.GetString(2),
        Body = r.GetString(3),
        AttributesJson = NullableString(r, 4),
        TraceHeader = NullableString(r, 5),
        SentMs = r.GetInt64(6),
        VisibleAtMs = r.GetInt64(7),
        ReceiveCount = r.GetInt32(8),
        FirstReceiveMs = r.GetInt64(9),
        GroupId = NullableString(r, 10),
        DeduplicationId = NullableString(r, 11),
        SequenceNumber = NullableString(r, 12),
        SourceQueueArn = NullableString(r, 13),
    };
}
