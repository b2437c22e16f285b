namespace Quickstep.Storage;

/// <summary>SNS's durable state: topics and subscriptions. The service keeps them in memory and writes every change through.</summary>
public interface ITopicStore
{
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TopicRecord>> ListTopicsAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the topic.</summary>
    Task PutTopicAsync(TopicRecord topic, CancellationToken cancellationToken = default);

    /// <summary>Deletes the topic and its subscriptions.</summary>
    Task DeleteTopicAsync(string arn, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the subscription.</summary>
    Task PutSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken = default);

    Task DeleteSubscriptionAsync(string arn, CancellationToken cancellationToken = default);
}
