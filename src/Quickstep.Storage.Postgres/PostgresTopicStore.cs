namespace Quickstep.Storage.Postgres;

/// <summary>SNS topics and subscriptions in PostgreSQL, shared by every node.</summary>
public sealed class PostgresTopicStore(PostgresDatabase database) : SqlTopicStore(new PostgresStatements(database, "sns", Migrations))
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
}
