using System.Globalization;
using System.Text.Json;
using Quickstep.Engine.History;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Server.Hosting;

/// <summary>A state machine's loggingConfiguration applied to a finished execution: the engine's <see cref="ExpressLog"/> records, for the store.</summary>
internal static class ExpressLogging
{
    public static (ExecutionLogLevel Level, bool IncludeExecutionData) Parse(string loggingConfiguration)
    {
        try
        {
            using var doc = JsonDocument.Parse(loggingConfiguration);
            var root = doc.RootElement;
            var level = root.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.String ? ExpressLog.ParseLevel(l.GetString()) : null;
            var include = root.TryGetProperty("includeExecutionData", out var i) && i.ValueKind == JsonValueKind.True;
            return (level ?? ExecutionLogLevel.Off, include);
        }
        catch (JsonException)
        {
            return (ExecutionLogLevel.Off, false);
        }
    }

    public static IReadOnlyList<LogRecord> Records(string loggingConfiguration, IReadOnlyList<HistoryEvent> events, string executionArn)
    {
        var (level, include) = Parse(loggingConfiguration);
        return Records(level, include, events, executionArn);
    }

    /// <summary>The records of a level parsed beforehand (<see cref="Parse"/>, once per machine revision).</summary>
    public static IReadOnlyList<LogRecord> Records(ExecutionLogLevel level, bool include, IReadOnlyList<HistoryEvent> events, string executionArn) =>
        level == ExecutionLogLevel.Off ? [] : [.. ExpressLog.Records(events, level, include, executionArn).Select(r => new LogRecord(r.Event.Id, r.Event.Timestamp, r.Record))];

    /// <summary>The level as the store keeps it with an execution (<see cref="ExecutionRecord.LogLevel"/>): null for OFF.</summary>
    public static string? LevelText(ExecutionLogLevel level) => level switch
    {
        ExecutionLogLevel.All => "ALL",
        ExecutionLogLevel.Error => "ERROR",
        ExecutionLogLevel.Fatal => "FATAL",
        _ => null,
    };

    /// <summary>
    /// The records of an execution that stored its level instead of its records: derived from its stored history
    /// (<see cref="HistoryJson"/> events), as they would have been written when it ended.
    /// </summary>
    public static IReadOnlyList<LogRecord> Records(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history)
    {
        var level = ExpressLog.ParseLevel(execution.LogLevel) ?? ExecutionLogLevel.Off;
        if (level == ExecutionLogLevel.Off || history.Count == 0)
            return [];
        var events = new List<HistoryEvent>(history.Count);
        foreach (var h in history)
            events.Add(HistoryJson.FromJson(h.Json));
        return Records(level, execution.LogIncludesExecutionData, events, execution.Arn);
    }
}
