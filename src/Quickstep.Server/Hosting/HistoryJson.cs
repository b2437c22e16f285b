using System.Text;
using System.Text.Json;
using Quickstep.Asl.Json;
using Quickstep.Engine.History;

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
}
