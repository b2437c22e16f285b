using Quickstep.Storage.Objects;

namespace Quickstep.Storage.Tests.Contracts;

/// <summary>Every service store of one node, open on a database; disposing closes them.</summary>
public sealed class ServiceStoreSet(
    IMessageQueueStore queues,
    ITopicStore topics,
    IEventBusStore eventBuses,
    IEventRuleStore eventRules,
    IScheduleStore schedules,
    IPipeStore pipes,
    IGlueJobStore glueJobs,
    IConnectionStore connections,
    IObjectStore objects,
    IObjectBodyStore objectBodies,
    Func<ValueTask> close) : IAsyncDisposable
{
    public IMessageQueueStore Queues { get; } = queues;

    public ITopicStore Topics { get; } = topics;

    public IEventBusStore EventBuses { get; } = eventBuses;

    public IEventRuleStore EventRules { get; } = eventRules;

    public IScheduleStore Schedules { get; } = schedules;

    public IPipeStore Pipes { get; } = pipes;

    public IGlueJobStore GlueJobs { get; } = glueJobs;

    public IConnectionStore Connections { get; } = connections;

    public IObjectStore Objects { get; } = objects;

    public IObjectBodyStore ObjectBodies { get; } = objectBodies;

    public ValueTask DisposeAsync() => close();
}
