using System.Text.Json;

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

    public async Task<IReadOnlyList<TopicRecord>> ListTopicsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT arn,name,attributes,tags,creation_date FROM sns_topics ORDER BY creation_date, arn";
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<TopicRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new TopicRecord
            {
                Arn = r.GetString(0),
                Name = r.GetString(1),
                Attributes = Map(r.GetString(2)),
                Tags = JsonSerializer.Deserialize(r.GetString(3), ServicesJsonContext.Default.ListResourceTag) ?? [],
                CreationTime = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
            });
        }

        return list;
    }

    public Task PutTopicAsync(TopicRecord topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return _store.WriteAsync(w => w.Exec(
            "INSERT OR REPLACE INTO sns_topics(arn,name,attributes,tags,creation_date) VALUES($a,$n,$at,$t,$c)",
            ("$a", topic.Arn), ("$n", topic.Name), ("$at", MapText(topic.Attributes)),
            ("$t", JsonSerializer.Serialize(topic.Tags.ToList(), ServicesJsonContext.Default.ListResourceTag)), ("$c", topic.CreationTime.ToUnixTimeMilliseconds())), cancellationToken);
    }

    public Task DeleteTopicAsync(string arn, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("DELETE FROM sns_topics WHERE arn=$a; DELETE FROM sns_subscriptions WHERE topic_arn=$a", ("$a", arn)), cancellationToken);

    public async Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT arn,topic_arn,protocol,endpoint,attributes,pending,token,creation_date FROM sns_subscriptions ORDER BY creation_date, arn";
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<SubscriptionRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new SubscriptionRecord
            {
                Arn = r.GetString(0),
                TopicArn = r.GetString(1),
                Protocol = r.GetString(2),
                Endpoint = r.GetString(3),
                Attributes = Map(r.GetString(4)),
                PendingConfirmation = r.GetInt64(5) != 0,
                Token = r.IsDBNull(6) ? null : r.GetString(6),
                CreationTime = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)),
            });
        }

        return list;
    }

    public Task PutSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return _store.WriteAsync(w => w.Exec(
            "INSERT OR REPLACE INTO sns_subscriptions(arn,topic_arn,protocol,endpoint,attributes,pending,token,creation_date) VALUES($a,$t,$p,$e,$at,$pe,$to,$c)",
            ("$a", subscription.Arn), ("$t", subscription.TopicArn), ("$p", subscription.Protocol), ("$e", subscription.Endpoint),
            ("$at", MapText(subscription.Attributes)), ("$pe", subscription.PendingConfirmation ? 1 : 0), ("$to", subscription.Token),
            ("$c", subscription.CreationTime.ToUnixTimeMilliseconds())), cancellationToken);
    }

    public Task DeleteSubscriptionAsync(string arn, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(w => w.Exec("DELETE FROM sns_subscriptions WHERE arn=$a", ("$a", arn)), cancellationToken);

    private static string MapText(IReadOnlyDictionary<string, string> map) =>
        JsonSerializer.Serialize(new Dictionary<string, string>(map, StringComparer.Ordinal), ServicesJsonContext.Default.DictionaryStringString);

    private static Dictionary<string, string> Map(string text) =>
        JsonSerializer.Deserialize(text, ServicesJsonContext.Default.DictionaryStringString) ?? [];
}
