using Quickstep.Asl.Json;

namespace Quickstep.Engine.History;

/// <summary>
/// One execution history event as GetExecutionHistory returns it: type, id, previous id, timestamp,
/// and the "…EventDetails" object under its AWS name (e.g. "stateEnteredEventDetails").
/// </summary>
public sealed record HistoryEvent(string Type, long Id, long PreviousEventId, DateTimeOffset Timestamp, string? DetailsName, JObject? Details)
{
    /// <summary>The event as GetExecutionHistory's JSON (timestamp in ISO-8601).</summary>
    public JObject ToJson()
    {
        var b = new JObjectBuilder();
        b.AddUnique("timestamp", JValue.FromString(Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)));
        b.AddUnique("type", JValue.FromString(Type));
        b.AddUnique("id", JValue.FromNumber(Id));
        b.AddUnique("previousEventId", JValue.FromNumber(PreviousEventId));
        if (DetailsName is not null && Details is not null)
            b.AddUnique(DetailsName, Details);
        return b.Build();
    }
}
