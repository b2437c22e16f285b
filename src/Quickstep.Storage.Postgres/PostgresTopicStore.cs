using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Postgres;

/// <summary>SNS topics and subscriptions in PostgreSQL, shared by every node.</summary>
public sealed class PostgresTopicStore : ITopicStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE sns_topics(
            arn text COLLATE "C" PRIMARY KEY, name text NOT NULL, attributes text NOT NULL, tags text NOT NULL, creation_date bigint NOT NULL);
        CREATE TABLE sns_subscriptions(
            arn text COLLATE "C" PRIMARY KEY, topic_arn text COLLATE "C" NOT NULL, protocol text NOT NULL, endpoint text NOT NULL,
            attributes text NOT NULL, pending boolean NOT NULL, token text, creation_date bigint NOT NULL);
        CREATE INDEX ix_sns_subscriptions_topic ON sns_subscriptions(topic_arn);
        """,
    ];

    private readonly PostgresDatabase _db;

    public PostgresTopicStore(PostgresDatabase database) => _db = database ?? throw new ArgumentNullException(nameof(database));

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _db.MigrateAsync("sns", Migrations, cancellationToken);

    public async Task<IReadOnlyList<TopicRecord>> ListTopicsAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, $"SELECT {ServiceRows.TopicColumns} FROM sns_topics ORDER BY creation_date, arn", ServiceRows.Topic, cancellationToken).ConfigureAwait(false);

    public Task PutTopicAsync(TopicRecord topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return PgSql.ExecAsync(_db, """
            INSERT INTO sns_topics(arn,name,attributes,tags,creation_date) VALUES(@a,@n,@at,@t,@c)
            ON CONFLICT(arn) DO UPDATE SET name=excluded.name, attributes=excluded.attributes, tags=excluded.tags, creation_date=excluded.creation_date
            """, cancellationToken, ("a", topic.Arn), ("n", topic.Name), ("at", StoreJson.MapText(topic.Attributes)),
            ("t", StoreJson.TagsText(topic.Tags)), ("c", PgSql.Ms(topic.CreationTime)));
    }

    public Task DeleteTopicAsync(string arn, CancellationToken cancellationToken = default) =>
        PgSql.ExecAsync(_db, "DELETE FROM sns_subscriptions WHERE topic_arn=@a; DELETE FROM sns_topics WHERE arn=@a", cancellationToken, ("a", arn));

    public async Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        await PgSql.QueryAsync(_db, $"SELECT {ServiceRows.SubscriptionColumns} FROM sns_subscriptions ORDER BY creation_date, arn", ServiceRows.Subscription, cancellationToken).ConfigureAwait(false);

    public Task PutSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return PgSql.ExecAsync(_db, """
            INSERT INTO sns_subscriptions(arn,topic_arn,protocol,endpoint,attributes,pending,token,creation_date) VALUES(@a,@t,@p,@e,@at,@pe,@to,@c)
            ON CONFLICT(arn) DO UPDATE SET topic_arn=excluded.topic_arn, protocol=excluded.protocol, endpoint=excluded.endpoint, attributes=excluded.attributes,
            pending=excluded.pending, token=excluded.token, creation_date=excluded.creation_date
            """, cancellationToken, ("a", subscription.Arn), ("t", subscription.TopicArn), ("p", subscription.Protocol), ("e", subscription.Endpoint),
            ("at", StoreJson.MapText(subscription.Attributes)), ("pe", subscription.PendingConfirmation), ("to", subscription.Token), ("c", PgSql.Ms(subscription.CreationTime)));
    }

    public Task DeleteSubscriptionAsync(string arn, CancellationToken cancellationToken = default) =>
        PgSql.ExecAsync(_db, "DELETE FROM sns_subscriptions WHERE arn=@a", cancellationToken, ("a", arn));
}
