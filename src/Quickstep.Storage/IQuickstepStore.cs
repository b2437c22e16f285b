using Quickstep.Engine;

namespace Quickstep.Storage;

/// <summary>
/// Everything the server keeps: state machines, versions, aliases, tags, executions with their history
/// and logs, the durable asynchronous-execution queue and usage counters. Implementations are thread-safe.
/// Lists are keyset pages (<see cref="StorePage{T}"/>): a page's key stays correct while items are added; the host turns keys into tokens.
/// </summary>
public interface IQuickstepStore : IAsyncDisposable
{
    /// <summary>Creates the schema if needed.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>False when a state machine with that ARN exists.</summary>
    Task<bool> TryCreateStateMachineAsync(StateMachineRecord stateMachine, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default);

    Task<StateMachineRecord?> GetStateMachineAsync(string arn, CancellationToken cancellationToken = default);

    Task UpdateStateMachineAsync(StateMachineRecord stateMachine, CancellationToken cancellationToken = default);

    /// <summary>Deletes the machine with its versions, aliases and tags; false when it did not exist.</summary>
    Task<bool> DeleteStateMachineAsync(string arn, CancellationToken cancellationToken = default);

    /// <summary>A deleted state machine as it was when deleted, kept while executions of it are stored; null otherwise.</summary>
    Task<StateMachineRecord?> GetRetiredStateMachineAsync(string arn, CancellationToken cancellationToken = default);

    /// <summary>A version of a deleted state machine, kept like <see cref="GetRetiredStateMachineAsync"/>.</summary>
    Task<StateMachineVersionRecord?> GetRetiredVersionAsync(string versionArn, CancellationToken cancellationToken = default);

    /// <summary>Ordered by name; <paramref name="after"/> is the <see cref="StorePage{T}.NextKey"/> of the page before (null for the first).</summary>
    Task<StorePage<StateMachineRecord>> ListStateMachinesAsync(string? after, int limit, CancellationToken cancellationToken = default);

    Task AddVersionAsync(StateMachineVersionRecord version, CancellationToken cancellationToken = default);

    Task<StateMachineVersionRecord?> GetVersionAsync(string versionArn, CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="after"/> as in <see cref="ListStateMachinesAsync"/>.</summary>
    Task<StorePage<StateMachineVersionRecord>> ListVersionsAsync(string stateMachineArn, string? after, int limit, CancellationToken cancellationToken = default);

    Task<bool> DeleteVersionAsync(string versionArn, CancellationToken cancellationToken = default);

    Task<bool> TryCreateAliasAsync(StateMachineAliasRecord alias, CancellationToken cancellationToken = default);

    Task<StateMachineAliasRecord?> GetAliasAsync(string aliasArn, CancellationToken cancellationToken = default);

    Task UpdateAliasAsync(StateMachineAliasRecord alias, CancellationToken cancellationToken = default);

    Task<bool> DeleteAliasAsync(string aliasArn, CancellationToken cancellationToken = default);

    /// <summary>Ordered by name; <paramref name="after"/> as in <see cref="ListStateMachinesAsync"/>.</summary>
    Task<StorePage<StateMachineAliasRecord>> ListAliasesAsync(string stateMachineArn, string? after, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ResourceTag>> GetTagsAsync(string resourceArn, CancellationToken cancellationToken = default);

    /// <summary>Adds or overwrites tags by key.</summary>
    Task SetTagsAsync(string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default);

    Task RemoveTagsAsync(string resourceArn, IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new execution; with <paramref name="enqueue"/> it is also put in the durable queue as
    /// <see cref="QueueState.Accepted"/>, in the same transaction. False when the ARN exists.
    /// </summary>
    Task<bool> TryInsertExecutionAsync(ExecutionRecord execution, bool enqueue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Write-behind <see cref="TryInsertExecutionAsync"/> of a synchronous execution's RUNNING record (never
    /// queued): returns once the write is queued, not committed. Every read of the store issued after this
    /// call sees the write; disposing the store commits it. A failure is reported to <paramref name="onError"/>.
    /// The task completes at once, unless the store is too far behind: then once this write committed.
    /// </summary>
    Task InsertExecutionBehindAsync(ExecutionRecord execution, Action<Exception> onError);

    Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken cancellationToken = default);

    /// <summary>The executions of a state machine with a given name and status (for name conflicts).</summary>
    Task<IReadOnlyList<ExecutionRecord>> FindExecutionsAsync(string stateMachineArn, string name, ExecutionStatus status, CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="status"/> null for all; <paramref name="after"/> as in <see cref="ListStateMachinesAsync"/>.</summary>
    Task<StorePage<ExecutionRecord>> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? status, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ListExecutionsAsync"/>, only the executions started with one version or through one alias (<paramref name="qualifiedArn"/>).</summary>
    Task<StorePage<ExecutionRecord>> ListExecutionsOfAsync(string stateMachineArn, string qualifiedArn, ExecutionStatus? status, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a queued execution as picked up by a worker and counts the attempt, durably before it returns; returns
    /// the attempts counted so far, this one included (0 when there is no queue entry). The server calls it only
    /// for executions recovered after a restart, so that one that ends the process every time it runs is not run
    /// again forever (poison detection, <c>QuickstepServerOptions.MaxInterruptedAttempts</c>).
    /// </summary>
    Task<int> MarkRunningAsync(string executionArn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the end of an execution in one transaction: its final record, history, log records,
    /// the queue entry (done) and the usage counters of its state machine.
    /// </summary>
    Task CompleteExecutionAsync(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Write-behind <see cref="CompleteExecutionAsync"/>: returns once the write is queued, not committed.
    /// Every read of the store issued after this call sees it; disposing the store commits it. For what
    /// needs no durability before the caller answers: the end of an asynchronous execution (at least once:
    /// lost in a crash, its queue entry is still accepted and it runs again). A synchronous execution's end is
    /// committed with <see cref="CompleteExecutionAsync"/> before its answer. A failure is reported to <paramref name="onError"/>.
    /// The task completes at once, unless the store is too far behind: then once this write committed.
    /// </summary>
    /// <param name="firstRun">The execution was accepted by this process and runs for the first time: no earlier run left history or logs to replace.</param>
    Task CompleteExecutionBehindAsync(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, bool firstRun, Action<Exception> onError);

    /// <summary>
    /// At startup: every accepted or running (interrupted) queue entry goes back to accepted and is
    /// returned, oldest first, so that it runs again.
    /// </summary>
    Task<IReadOnlyList<string>> RecoverQueueAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// At startup: synchronous executions still RUNNING were cut off by a crash; they are never re-run
    /// (at most once), so they end as ABORTED with the given error and cause. Returns how many.
    /// </summary>
    Task<int> AbortInterruptedSyncExecutionsAsync(DateTimeOffset stopDate, string error, string cause, CancellationToken cancellationToken = default);

    /// <summary>
    /// StopExecution of an execution that this node may not be running (with a shared store, another node may): ends it
    /// with <paramref name="final"/> only while its stored status is still RUNNING, marks its queue entry done and counts
    /// its usage, committed before it returns, and tells the node running it (PostgreSQL: a notification; that node also
    /// looks with <see cref="ListEndedAsync"/>). False when it had ended already (its record is left as it is).
    /// </summary>
    Task<bool> TryStopExecutionAsync(ExecutionRecord final, CancellationToken cancellationToken = default);

    /// <summary>The stored records of those of <paramref name="executionArns"/> whose status is no longer RUNNING (ended, or stopped through another node).</summary>
    Task<IReadOnlyList<ExecutionRecord>> ListEndedAsync(IReadOnlyCollection<string> executionArns, CancellationToken cancellationToken = default);

    Task<QueueState?> GetQueueStateAsync(string executionArn, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HistoryRecord>> GetHistoryAsync(string executionArn, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a finished execution's history for GetExecutionHistory, keyset on the event id: at most
    /// <paramref name="limit"/> events with an id above <paramref name="afterId"/> in ascending order, or with
    /// <paramref name="reverse"/> below it in descending order (null: from the first, or the last, event). A store
    /// should read only what the page needs (a history can hold hundreds of thousands of events); this default
    /// filters <see cref="GetHistoryAsync"/> and is correct, not cheap.
    /// </summary>
    async Task<IReadOnlyList<HistoryRecord>> GetHistoryPageAsync(string executionArn, long? afterId, int limit, bool reverse, CancellationToken cancellationToken = default)
    {
        var all = await GetHistoryAsync(executionArn, cancellationToken).ConfigureAwait(false);
        var ordered = reverse ? all.OrderByDescending(h => h.Id) : all.OrderBy(h => h.Id);
        return [.. ordered.Where(h => afterId is not long after || (reverse ? h.Id < after : h.Id > after)).Take(limit)];
    }

    Task<IReadOnlyList<LogRecord>> GetLogsAsync(string executionArn, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UsageRecord>> GetUsageAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// How long a node's claim on what it runs lasts without a <see cref="RenewLeaseAsync"/> when other nodes share
    /// this store; null for a store of one node (SQLite), which recovers at startup instead. With a shared store,
    /// <see cref="RecoverQueueAsync"/> and <see cref="AbortInterruptedSyncExecutionsAsync"/> only touch what belonged
    /// to nodes whose lease expired.
    /// </summary>
    TimeSpan? LeaseDuration => null;

    /// <summary>The heartbeat: extends this node's lease on the executions it accepted or claimed.</summary>
    Task RenewLeaseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// Takes over (at most <paramref name="limit"/>) unfinished queue entries of nodes whose lease expired, oldest
    /// first, so this node runs them again (at least once); entries another node is claiming are skipped.
    /// </summary>
    Task<IReadOnlyList<string>> ClaimExpiredAsync(int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>Deletes finished executions that stopped before <paramref name="cutoff"/>, with their history, logs and queue entries; returns how many.</summary>
    Task<int> PurgeExecutionsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
