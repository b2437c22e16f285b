using Quickstep.Engine;

namespace Quickstep.Storage;

/// <summary>Read-only aggregates over stored executions for the web console (counts, usage over time, name search); a store may offer it beside <see cref="IQuickstepStore"/>.</summary>
public interface IExecutionStatistics
{
    /// <summary>Per state machine with executions started since <paramref name="dayStart"/>: how many since <paramref name="hourStart"/> and since <paramref name="dayStart"/>, and how many of those did not succeed.</summary>
    Task<IReadOnlyList<ExecutionCounts>> CountExecutionsAsync(DateTimeOffset hourStart, DateTimeOffset dayStart, CancellationToken cancellationToken = default);

    /// <summary>Executions started since <paramref name="since"/>, per state machine and per <paramref name="bucket"/> of start time (aligned to the Unix epoch), oldest first.</summary>
    Task<IReadOnlyList<UsageBucket>> GetUsageSeriesAsync(DateTimeOffset since, TimeSpan bucket, CancellationToken cancellationToken = default);

    /// <summary>A state machine's executions whose name starts with <paramref name="namePrefix"/>, ordered by name; <paramref name="after"/> is the previous page's key.</summary>
    Task<StorePage<ExecutionSummary>> SearchExecutionsAsync(string stateMachineArn, string namePrefix, ExecutionStatus? status, string? after, int limit, CancellationToken cancellationToken = default);
}
