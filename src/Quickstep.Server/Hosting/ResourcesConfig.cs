namespace Quickstep.Server.Hosting;

/// <summary>Resources created at start, in this order: queues, topics, subscriptions, buses, buckets. Creating one that exists is not an error.</summary>
public sealed class ResourcesConfig
{
    public IReadOnlyList<NamedResource> Queues { get; init; } = [];

    public IReadOnlyList<NamedResource> Topics { get; init; } = [];

    public IReadOnlyList<SubscriptionResource> Subscriptions { get; init; } = [];

    public IReadOnlyList<NamedResource> Buses { get; init; } = [];

    public IReadOnlyList<NamedResource> Buckets { get; init; } = [];

    public int Count => Queues.Count + Topics.Count + Subscriptions.Count + Buses.Count + Buckets.Count;
}
