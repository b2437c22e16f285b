namespace Quickstep.Storage;

/// <summary>
/// EventBridge's durable state: buses, and every accepted event in arrival order until a delivery worker (rules,
/// a later issue) marks it delivered, so that delivery is at least once across restarts.
/// </summary>
public interface IEventBusStore
{
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>False when a bus of that name exists.</summary>
    Task<bool> TryCreateEventBusAsync(EventBusRecord bus, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EventBusRecord>> ListEventBusesAsync(CancellationToken cancellationToken = default);

    Task<bool> DeleteEventBusAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Appends the events in one commit; returns them with their sequence numbers.</summary>
    Task<IReadOnlyList<StoredEvent>> AppendEventsAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Undelivered events after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredEvent>> ListUndeliveredEventsAsync(long afterSequence, int limit, CancellationToken cancellationToken = default);

    Task MarkDeliveredAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken = default);
}
