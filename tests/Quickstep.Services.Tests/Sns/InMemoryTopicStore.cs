using System.Collections.Concurrent;
using Quickstep.Storage;

namespace Quickstep.Services.Tests.Sns;

/// <summary>An <see cref="ITopicStore"/> in memory, shared by service instances to stand for a restart.</summary>
internal sealed class InMemoryTopicStore : ITopicStore
{
    private readonly ConcurrentDictionary<string, TopicRecord> _topics = new();
    private readonly ConcurrentDictionary<string, SubscriptionRecord> _subs = new();

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<TopicRecord>> ListTopicsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<TopicRecord>>([.. _topics.Values]);

    public Task PutTopicAsync(TopicRecord topic, CancellationToken cancellationToken = default)
    {
        _topics[topic.Arn] = topic;
        return Task.CompletedTask;
    }

    public Task DeleteTopicAsync(string arn, CancellationToken cancellationToken = default)
    {
        _topics.TryRemove(arn, out _);
        foreach (var s in _subs.Values.Where(s => s.TopicArn == arn))
            _subs.TryRemove(s.Arn, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<SubscriptionRecord>>([.. _subs.Values]);

    public Task PutSubscriptionAsync(SubscriptionRecord subscription, CancellationToken cancellationToken = default)
    {
        _subs[subscription.Arn] = subscription;
        return Task.CompletedTask;
    }

    public Task DeleteSubscriptionAsync(string arn, CancellationToken cancellationToken = default)
    {
        _subs.TryRemove(arn, out _);
        return Task.CompletedTask;
    }
}
