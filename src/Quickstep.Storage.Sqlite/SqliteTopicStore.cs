namespace Quickstep.Storage.Sqlite;

/// <summary>SNS topics and subscriptions in the same SQLite file as executions, written through the store's single writer.</summary>
public sealed class SqliteTopicStore(SqliteStore store) : SqlTopicStore(new SqliteStatements(store, Schema))
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS sns_topics(
            arn TEXT PRIMARY KEY, name TEXT NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL, creation_date INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS sns_subscriptions(
            arn TEXT PRIMARY KEY, topic_arn TEXT NOT NULL, protocol TEXT NOT NULL, endpoint TEXT NOT NULL,
            attributes TEXT NOT NULL, pending INTEGER NOT NULL, token TEXT, creation_date INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_sns_subscriptions_topic ON sns_subscriptions(topic_arn);
        """;
}
