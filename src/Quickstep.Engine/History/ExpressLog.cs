using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Quickstep.Engine.History;

/// <summary>An Express state machine's logging level (LoggingConfiguration.level).</summary>
public enum ExecutionLogLevel
{
    Off,
    Fatal,
    Error,
    All,
}

/// <summary>
/// Express logging as AWS defines it (asl-features §7.2): which history events a level keeps, and the
/// CloudWatch Logs record AWS writes for each:
/// <c>{"id", "type", "details", "previous_event_id", "event_timestamp", "execution_arn", "redrive_count"}</c>,
/// ids and times as strings, input/output left out of details unless includeExecutionData.
/// </summary>
public static class ExpressLog
{
    private static readonly HashSet<string> Fatal = ["ExecutionAborted", "ExecutionFailed", "ExecutionTimedOut"];

    private static readonly HashSet<string> Errors =
    [
        "ExecutionAborted", "ExecutionFailed", "ExecutionTimedOut", "FailStateEntered", "LambdaFunctionFailed", "LambdaFunctionScheduleFailed",
        "LambdaFunctionStartFailed", "LambdaFunctionTimedOut", "MapIterationAborted", "MapIterationFailed", "MapStateAborted", "MapStateFailed",
        "MapRunAborted", "MapRunFailed", "ParallelStateAborted", "ParallelStateFailed", "TaskFailed", "TaskStartFailed", "TaskStateAborted",
        "TaskSubmitFailed", "TaskTimedOut", "WaitStateAborted",
    ];

    private static readonly string[] DataFields = ["input", "inputDetails", "output", "outputDetails"];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>"ALL", "ERROR", "FATAL", "OFF" (any case); null for anything else.</summary>
    public static ExecutionLogLevel? ParseLevel(string? text) => text?.ToUpperInvariant() switch
    {
        "ALL" => ExecutionLogLevel.All,
        "ERROR" => ExecutionLogLevel.Error,
        "FATAL" => ExecutionLogLevel.Fatal,
        "OFF" => ExecutionLogLevel.Off,
        _ => null,
    };

    /// <summary>Whether a level logs an event type: ALL every event, ERROR the failures, FATAL the execution's failure.</summary>
    public static bool Keeps(ExecutionLogLevel level, string eventType) => level switch
    {
        ExecutionLogLevel.All => true,
        ExecutionLogLevel.Error => Errors.Contains(eventType),
        ExecutionLogLevel.Fatal => Fatal.Contains(eventType),
        _ => false,
    };

    /// <summary>The log records of a finished execution's events, in id order, as JSON text.</summary>
    public static IReadOnlyList<(HistoryEvent Event, string Record)> Records(IEnumerable<HistoryEvent> events, ExecutionLogLevel level, bool includeExecutionData, string executionArn)
    {
        var list = new List<(HistoryEvent, string)>();
        if (level == ExecutionLogLevel.Off)
            return list;
        var firstEntered = true;
        foreach (var e in events.OrderBy(e => e.Id))
        {
            var previous = PreviousId(e, ref firstEntered);
            if (Keeps(level, e.Type))
                list.Add((e, Format(e, previous, includeExecutionData, executionArn)));
        }

        return list;
    }

    /// <summary>
    /// The record's previous_event_id. Observed on AWS: the first *StateEntered record has
    /// previous_event_id "0"; every other record has the event's previousEventId.
    /// </summary>
    public static long PreviousId(HistoryEvent e, ref bool firstEntered)
    {
        var entered = e.Type.EndsWith("StateEntered", StringComparison.Ordinal);
        var previous = entered && firstEntered ? 0 : e.PreviousEventId;
        firstEntered &= !entered;
        return previous;
    }

    /// <summary>One log record as one line of JSON.</summary>
    public static string Format(HistoryEvent e, long previousEventId, bool includeExecutionData, string executionArn)
    {
        // One reusable buffer and writer per thread: a record is formatted for every kept event.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var w = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        w.Reset(buffer);
        w.WriteStartObject();
        w.WriteString("id", e.Id.ToString(CultureInfo.InvariantCulture));
        w.WriteString("type", e.Type);
        w.WritePropertyName("details");
        var details = e.Details ?? JObject.Empty;
        if (!includeExecutionData)
        {
            foreach (var f in DataFields)
                details = details.Without(f);
        }

        JsonText.Write(w, details);
        w.WriteString("previous_event_id", previousEventId.ToString(CultureInfo.InvariantCulture));
        w.WriteString("event_timestamp", e.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        w.WriteString("execution_arn", executionArn);
        w.WriteString("redrive_count", "0");
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;
}

/// <summary>
/// Writes an execution's log records, one JSON object per line, as its events happen (the CLI's
/// <c>--log-level</c>/<c>--log-file</c>). Safe for Map and Parallel branches that emit concurrently.
/// </summary>
public sealed class ExpressLogWriter : IHistorySink
{
    private readonly TextWriter _writer;
    private readonly ExecutionLogLevel _level;
    private readonly bool _includeExecutionData;
    private readonly string _executionArn;
    private readonly Lock _gate = new();
    private bool _firstEntered = true;

    public ExpressLogWriter(TextWriter writer, ExecutionLogLevel level, bool includeExecutionData, string executionArn)
    {
        _writer = writer;
        _level = level;
        _includeExecutionData = includeExecutionData;
        _executionArn = executionArn;
    }

    public void Add(HistoryEvent historyEvent)
    {
        lock (_gate)
        {
            var previous = ExpressLog.PreviousId(historyEvent, ref _firstEntered);
            if (ExpressLog.Keeps(_level, historyEvent.Type))
                _writer.WriteLine(ExpressLog.Format(historyEvent, previous, _includeExecutionData, _executionArn));
        }
    }
}
