namespace Quickstep.Storage;

/// <summary>An event a bus accepted: the whole envelope as JSON text; <see cref="Sequence"/> orders delivery.</summary>
public sealed record StoredEvent
{
    /// <summary>Assigned by the store when the event is appended; 0 before.</summary>
    public long Sequence { get; init; }

    public required string Id { get; init; }

    public required string EventBusName { get; init; }

    /// <summary>The envelope: version, id, detail-type, source, account, time, region, resources, detail.</summary>
    public required string Json { get; init; }

    public required DateTimeOffset ReceivedTime { get; init; }
}
