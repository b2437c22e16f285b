using System.Globalization;
using System.Text;
using System.Text.Json;
using Quickstep.Asl.Json;
using Quickstep.Engine.History;
using Quickstep.Storage;

namespace Quickstep.Server.Hosting;

/// <summary>
/// Express logging (asl-features §7.2): which history events a level keeps, and the CloudWatch record
/// shape AWS writes for each ({id, type, details, previous_event_id, event_timestamp, execution_arn, redrive_count}).
/// </summary>
internal static class ExpressLogging
{
    private static readonly HashSet<string> Fatal = ["ExecutionAborted", "ExecutionFailed", "ExecutionTimedOut"];

    private static readonly HashSet<string> Error =
    [
        "ExecutionAborted", "ExecutionFailed", "ExecutionTimedOut", "FailStateEntered", "LambdaFunctionFailed", "LambdaFunctionScheduleFailed",
        "LambdaFunctionStartFailed", "LambdaFunctionTimedOut", "MapIterationAborted", "MapIterationFailed", "MapStateAborted", "MapStateFailed",
        "MapRunAborted", "MapRunFailed", "ParallelStateAborted", "ParallelStateFailed", "TaskFailed", "TaskStartFailed", "TaskStateAborted",
        "TaskSubmitFailed", "TaskTimedOut", "WaitStateAborted",
    ];

    private static readonly string[] DataFields = ["input", "inputDetails", "output", "outputDetails"];

    public static (string Level, bool IncludeExecutionData) Parse(string loggingConfiguration)
    {
        try
        {
            using var doc = JsonDocument.Parse(loggingConfiguration);
            var root = doc.RootElement;
            var level = root.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "OFF";
            var include = root.TryGetProperty("includeExecutionData", out var i) && i.ValueKind == JsonValueKind.True;
            return (level, include);
        }
        catch (JsonException)
        {
            return ("OFF", false);
        }
    }

    public static bool Keeps(string level, string eventType) => level switch
    {
        "ALL" => true,
        "ERROR" => Error.Contains(eventType),
        "FATAL" => Fatal.Contains(eventType),
        _ => false,
    };

    public static IReadOnlyList<LogRecord> Records(string loggingConfiguration, IReadOnlyList<HistoryEvent> events, string executionArn)
    {
        var (level, include) = Parse(loggingConfiguration);
        return Records(level, include, events, executionArn);
    }

    /// <summary>The records of a level parsed beforehand (<see cref="Parse"/>).</summary>
    public static IReadOnlyList<LogRecord> Records(string level, bool include, IReadOnlyList<HistoryEvent> events, string executionArn)
    {
        if (level == "OFF")
            return [];
        var list = new List<LogRecord>();
        var firstEntered = true;
        foreach (var e in events)
        {
            var entered = e.Type.EndsWith("StateEntered", StringComparison.Ordinal);
            // Observed on AWS: the first *StateEntered record has previous_event_id "0".
            var previous = entered && firstEntered ? 0 : e.PreviousEventId;
            firstEntered &= !entered;
            if (Keeps(level, e.Type))
                list.Add(new LogRecord(e.Id, e.Timestamp, Format(e, previous, include, executionArn)));
        }

        return list;
    }

    private static string Format(HistoryEvent e, long previous, bool include, string executionArn)
    {
        var (buffer, w) = JsonScratch.Rent();
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id.ToString(CultureInfo.InvariantCulture));
            w.WriteString("type", e.Type);
            w.WritePropertyName("details");
            var details = e.Details ?? JObject.Empty;
            if (!include)
            {
                foreach (var f in DataFields)
                    details = details.Without(f);
            }

            JsonText.Write(w, details);
            w.WriteString("previous_event_id", previous.ToString(CultureInfo.InvariantCulture));
            w.WriteString("event_timestamp", e.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            w.WriteString("execution_arn", executionArn);
            w.WriteString("redrive_count", "0");
            w.WriteEndObject();
            w.Flush();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
