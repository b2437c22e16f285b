using Quickstep.Storage.Rows;

namespace Quickstep.Storage.Sqlite;

/// <summary>SNS topics and subscriptions in the same SQLite file as executions, written through the store's single writer.</summary>
public sealed class SqliteTopicStore : ITopicStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS sns_topics(
            arn TEXT PRIMARY KEY, name TEXT NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL, creation_date INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS sns_subscriptions(
            arn TEXT PRIMARY KEY, topic_arn TEXT NOT NULL, protocol TEXT NOT NULL, endpoint TEXT NOT NULL,
            attributes TEXT NOT NULL, pending INTEGER NOT NULL, token TEXT, creation_date INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_sns_subscriptions_topic ON sns_subscriptions(topic_arn);
        """;

    private readonly SqliteStore _store;

    public SqliteTopicStore(SqliteStore store) => _store = store;

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec(Schema), cancellationToken);

    public async Task<IReadOnlyList<TopicRecord>> ListTopicsAsync(CancellationToken cancellationToken = default) =>
        await _store.Database.QueryAsync($"SELECT {ServiceRows.TopicColumns} FROM sns_topics ORDER BY creation_date, arn", ServiceRows.Topic, cancellationToken).ConfigureAwait(false);

    public Task PutTopicAsync(TopicRecord topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return _store.WriteAsync(w => w.Exec(
            "INSERT OR REPLACE INTO sns_topics(arn,name,attributes,tags,creation_date) VALUES($a,$n,$at,$t,$c)",
            ("$a", topic.Arn), ("$n", topic.Name), ("$at", StoreJson.MapText(topic.Attributes)),
            ("$t", StoreJson.TagsText(topic.Tags)), ("$c", topic.CreationTime.ToUnixTimeMilliseconds())), cancellationToken);
    }

    public Task DeleteTopicAsync(string arn, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("DELETE FROM sns_topics WHERE arn=$a; DELETE FROM sns_subscriptions WHERE topic_arn=$a", ("$a", arn)), cancellationToken);

    public async Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        await _store.Database.QueryAsync($"SELECT {ServiceRows.SubscriptionColumns} FROM sns_subscriptions ORDER BY creation_date, arn", ServiceRows.Subscription, cancellationToken).ConfigureAwait(false);

    public Task PutSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return _store.WriteAsync(w => w.Exec(
            "INSERT OR REPLACE INTO sns_subscriptions(arn,topic_arn,protocol,endpoint,attributes,pending,token,creation_date) VALUES($a,$t,$p,$e,$at,$pe,$to,$c)",
            ("$a", subscription.Arn), ("$t", subscription.TopicArn), ("$p", subscription.Protocol), ("$e", subscription.Endpoint),
            ("$at", StoreJson.MapText(subscription.Attributes)), ("$pe", subscription.PendingConfirmation ? 1 : 0), ("$to", subscription.Token),
            ("$c", subscription.CreationTime.ToUnixTimeMilliseconds())), cancellationToken);
    }

    public Task DeleteSubscriptionAsync(string arn, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("DELETE FROM sns_subscriptions WHERE arn=$a", ("$a", arn)), cancellationToken);
}
