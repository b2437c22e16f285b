namespace Quickstep.Engine.History;

/// <summary>
/// One execution history event as GetExecutionHistory returns it: type, id, previous id, timestamp,
/// and the "…EventDetails" object under its AWS name (e.g. "stateEnteredEventDetails").
/// </summary>
/// <remarks>
/// The engine records the hot events (state entered/exited, task calls) with their payloads as values
/// and builds the details object, with its "input"/"output" JSON text, only when someone reads it:
/// recording an event on the execution's thread then costs one small object (issue 5: level ALL at
/// most 2× the cost of OFF). Payloads are immutable, so reading later gives what was recorded.
/// </remarks>
public sealed class HistoryEvent
{
    private readonly DateTime _timestamp;
    private JObject? _details;
    private EventDetails? _shape;
    private JValue? _payload;

    public HistoryEvent(string type, long id, long previousEventId, DateTimeOffset timestamp, string? detailsName, JObject? details)
    {
        Type = type;
        Id = id;
        PreviousEventId = previousEventId;
        _timestamp = timestamp.UtcDateTime;
        DetailsName = detailsName;
        _details = details;
    }

    internal HistoryEvent(string type, long id, long previousEventId, DateTimeOffset timestamp, string detailsName, EventDetails shape, JValue payload)
        : this(type, id, previousEventId, timestamp, detailsName, null)
    {
        _shape = shape;
        _payload = payload;
    }

    public string Type { get; }

    public long Id { get; }

    public long PreviousEventId { get; }

    public DateTimeOffset Timestamp => new(_timestamp);

    /// <summary>The AWS member name of the details object, e.g. "stateEnteredEventDetails"; null for none.</summary>
    public string? DetailsName { get; }

    /// <summary>The "…EventDetails" object; built on first read when the engine recorded it deferred.</summary>
    public JObject? Details
    {
        get
        {
            if (_details is null && _shape is { } shape)
            {
                _details = shape.Build(_payload!);
                _shape = null;
                _payload = null;
            }

            return _details;
        }
    }

    /// <summary>A copy with other details (same type, ids and time).</summary>
    public HistoryEvent WithDetails(JObject? details) => new(Type, Id, PreviousEventId, Timestamp, DetailsName, details);

    /// <summary>The event as GetExecutionHistory's JSON (timestamp in ISO-8601).</summary>
    public JObject ToJson()
    {
        var b = new JObjectBuilder();
        b.AddUnique("timestamp", JValue.FromString(Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)));
        b.AddUnique("type", JValue.FromString(Type));
        b.AddUnique("id", JValue.FromNumber(Id));
        b.AddUnique("previousEventId", JValue.FromNumber(PreviousEventId));
        if (DetailsName is not null && Details is { } details)
            b.AddUnique(DetailsName, details);
        return b.Build();
    }
}
