using Quickstep.Aws;
using Quickstep.Storage;

namespace Quickstep.WebConsole;

/// <summary>What the console's read-only helper endpoints read: the store's aggregates and the server's services.</summary>
public sealed class ConsoleOptions
{
    /// <summary>State machines, executions and their history (for the graph endpoints).</summary>
    public required IQuickstepStore Store { get; init; }

    /// <summary>The history so far of an execution still running (the store has it once it ends); null when it is not running here.</summary>
    public Func<string, IReadOnlyList<HistoryRecord>?> RunningHistory { get; init; } = _ => null;

    /// <summary>Counts, usage over time and name search over stored executions.</summary>
    public required IExecutionStatistics Statistics { get; init; }

    /// <summary>The server's local services by signing name (listed on the services page with their list operations).</summary>
    public IReadOnlyDictionary<string, IAwsService> Services { get; init; } = new Dictionary<string, IAwsService>();

    /// <summary>Schedules with their next run (the Scheduler API does not return it); null: listed without it.</summary>
    public IScheduleStore? Schedules { get; init; }

    /// <summary>The configuration file's webhooks.</summary>
    public IReadOnlyList<ConsoleWebhook> Webhooks { get; init; } = [];

    /// <summary>Estimated cost in USD of (executions, billed GB-seconds); default: none shown.</summary>
    public Func<long, double, decimal>? EstimateCostUsd { get; init; }

    /// <summary>The clock that "last hour" and "last day" count back from (default the system's).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
