using Quickstep.Storage.Rows;

namespace Quickstep.Storage;

/// <summary>SNS topics and subscriptions in tables of the same statements in every dialect; a dialect creates the tables.</summary>
public abstract class SqlTopicStore : SqlStore, ITopicStore
{
    private protected SqlTopicStore(StoreSql sql)
        : base(sql)
    {
    }

    public async Task<IReadOnlyList<TopicRecord>> ListTopicsAsync(CancellationToken cancellationToken = default) =>
        await Sql.QueryAsync($"SELECT {ServiceRows.TopicColumns} FROM sns_topics ORDER BY creation_date, arn", ServiceRows.Topic, cancellationToken).ConfigureAwait(false);

    public Task PutTopicAsync(TopicRecord topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return Sql.ExecAsync($"""
            INSERT INTO sns_topics({ServiceRows.TopicColumns}) VALUES(@a,@n,@at,@t,@c)
            ON CONFLICT(arn) DO UPDATE SET name=excluded.name, attributes=excluded.attributes, tags=excluded.tags, creation_date=excluded.creation_date
            """, cancellationToken, ("@a", topic.Arn), ("@n", topic.Name), ("@at", StoreJson.MapText(topic.Attributes)),
            ("@t", StoreJson.TagsText(topic.Tags)), ("@c", topic.CreationTime.ToUnixTimeMilliseconds()));
    }

    public Task DeleteTopicAsync(string arn, CancellationToken cancellationToken = default) =>
        Sql.ExecAsync("DELETE FROM sns_subscriptions WHERE topic_arn=@a; DELETE FROM sns_topics WHERE arn=@a", cancellationToken, ("@a", arn));

    public async Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        await Sql.QueryAsync($"SELECT {ServiceRows.SubscriptionColumns} FROM sns_subscriptions ORDER BY creation_date, arn", ServiceRows.Subscription, cancellationToken).ConfigureAwait(false);

    /// <summary>Inserts or replaces the subscription; <c>pending</c> binds as a boolean in PostgreSQL and as 0/1 in SQLite.</summary>
    public Task PutSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return Sql.ExecAsync($"""
            INSERT INTO sns_subscriptions({ServiceRows.SubscriptionColumns}) VALUES(@a,@t,@p,@e,@at,@pe,@to,@c)
            ON CONFLICT(arn) DO UPDATE SET topic_arn=excluded.topic_arn, protocol=excluded.protocol, endpoint=excluded.endpoint, attributes=excluded.attributes,
            pending=excluded.pending, token=excluded.token, creation_date=excluded.creation_date
            """, cancellationToken, ("@a", subscription.Arn), ("@t", subscription.TopicArn), ("@p", subscription.Protocol), ("@e", subscription.Endpoint),
            ("@at", StoreJson.MapText(subscription.Attributes)), ("@pe", subscription.PendingConfirmation), ("@to", subscription.Token),
            ("@c", subscription.CreationTime.ToUnixTimeMilliseconds()));
    }

    public Task DeleteSubscriptionAsync(string arn, CancellationToken cancellationToken = default) =>
        Sql.ExecAsync("DELETE FROM sns_subscriptions WHERE arn=@a", cancellationToken, ("@a", arn));
}
