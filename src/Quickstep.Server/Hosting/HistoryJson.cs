using System.Globalization;
using System.Text;
using System.Text.Json;
using Quickstep.Engine.History;
using Quickstep.Json;

namespace Quickstep.Server.Hosting;

/// <summary>History events as GetExecutionHistory sends them over JSON 1.0 (timestamp in epoch seconds).</summary>
internal static class HistoryJson
{
    public static string ToJson(HistoryEvent e)
    {
        var (buffer, w) = JsonScratch.Rent();
        {
            w.WriteStartObject();
            w.WriteNumber("timestamp", e.Timestamp.ToUnixTimeMilliseconds() / 1000m);
            w.WriteString("type", e.Type);
            w.WriteNumber("id", e.Id);
            w.WriteNumber("previousEventId", e.PreviousEventId);
            if (e.DetailsName is not null && e.Details is not null)
            {
                w.WritePropertyName(e.DetailsName);
                JsonText.Write(w, e.Details);
            }

            w.WriteEndObject();
            w.Flush();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An event back from <see cref="ToJson"/>'s text (timestamps keep their milliseconds).</summary>
    public static HistoryEvent FromJson(string json)
    {
        var o = (JObject)JsonText.Parse(json);
        string? type = null, detailsName = null;
        long id = 0, previous = 0;
        var timestamp = DateTimeOffset.UnixEpoch;
        JObject? details = null;
        foreach (var (key, value) in o)
        {
            switch (key)
            {
                case "timestamp":
                    var n = (JNumber)value;
                    var seconds = n.Text is { } t ? decimal.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture) : (decimal)n.Value;
                    timestamp = DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m));
                    break;
                case "type":
                    type = ((JString)value).Value;
                    break;
                case "id":
                    _ = ((JNumber)value).TryGetInt64(out id);
                    break;
                case "previousEventId":
                    _ = ((JNumber)value).TryGetInt64(out previous);
                    break;
                default:
                    detailsName = key;
                    details = value as JObject;
                    break;
            }
        }

        return new HistoryEvent(type ?? throw new FormatException("history event without a type"), id, previous, timestamp, detailsName, details);
    }
}
