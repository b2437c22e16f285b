using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Quickstep.Storage;

/// <summary>
/// An execution's history and log records as one JSON text each, the way stores keep them (one row per
/// execution): [[id, event], …] and [[id, timestamp ms, record], …]; the events' JSON text is kept as it is.
/// </summary>
public static class ExecutionRecordsCodec
{
    public static string EncodeHistory(IReadOnlyList<HistoryRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return EncodeArray(history, static h => h.Json.Length + 24, static (sb, h) =>
            sb.Append('[').Append(h.Id.ToString(CultureInfo.InvariantCulture)).Append(',').Append(h.Json).Append(']'));
    }

    public static string EncodeLogs(IReadOnlyList<LogRecord> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        return EncodeArray(logs, static l => l.Json.Length + 44, static (sb, l) =>
            sb.Append('[').Append(l.Id.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(l.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append(',').Append(l.Json).Append(']'));
    }

    /// <summary>The items as one JSON array, in a builder sized up front from each item's estimated length.</summary>
    private static string EncodeArray<T>(IReadOnlyList<T> items, Func<T, int> estimate, Action<StringBuilder, T> append)
    {
        var length = 2;
        foreach (var item in items)
            length += estimate(item);
        var sb = new StringBuilder(length).Append('[');
        foreach (var item in items)
        {
            if (sb.Length > 1)
                sb.Append(',');
            append(sb, item);
        }

        return sb.Append(']').ToString();
    }

    public static List<HistoryRecord> DecodeHistory(string events)
    {
        using var doc = JsonDocument.Parse(events, new JsonDocumentOptions { MaxDepth = 1024 });
        var list = new List<HistoryRecord>(doc.RootElement.GetArrayLength());
        foreach (var e in doc.RootElement.EnumerateArray())
            list.Add(new HistoryRecord(e[0].GetInt64(), e[1].GetRawText()));
        return list;
    }

    public static List<LogRecord> DecodeLogs(string records)
    {
        using var doc = JsonDocument.Parse(records, new JsonDocumentOptions { MaxDepth = 1024 });
        var list = new List<LogRecord>(doc.RootElement.GetArrayLength());
        foreach (var e in doc.RootElement.EnumerateArray())
            list.Add(new LogRecord(e[0].GetInt64(), DateTimeOffset.FromUnixTimeMilliseconds(e[1].GetInt64()), e[2].GetRawText()));
        return list;
    }
}
