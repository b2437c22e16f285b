namespace Quickstep.Storage.Postgres;

/// <summary>
/// One write of the executions' writer: the insert of a new execution (with its queue entry when enqueued), or the
/// final record of one (the end of a run, or a stop) with what goes with it. Its result: the insert inserted a row,
/// the final record replaced a RUNNING one (then, and only then, the usage counters count it).
/// </summary>
internal sealed class PostgresWrite
{
    private PostgresWrite(ExecutionRecord execution, bool isInsert, Action<Exception>? onError)
    {
        ArgumentNullException.ThrowIfNull(execution);
        Execution = execution;
        IsInsert = isInsert;
        OnError = onError;
    }

    public ExecutionRecord Execution { get; }

    /// <summary>An insert; otherwise a final record.</summary>
    public bool IsInsert { get; }

    /// <summary>Insert: also put the execution in the durable queue.</summary>
    public bool Enqueue { get; private init; }

    /// <summary>Insert: the node that owns the execution (queued or sync), else null.</summary>
    public string? Owner { get; private init; }

    /// <summary>Final: history and logs an earlier (interrupted) run may have left are replaced.</summary>
    public bool ReplacesEarlierRun { get; private init; }

    /// <summary>Final: the queue entry is done.</summary>
    public bool EndsQueueEntry { get; private init; }

    /// <summary>Final: the nodes are told that the execution was stopped (at commit).</summary>
    public bool NotifiesStop { get; private init; }

    /// <summary>Final: the encoded history to store, or null for none.</summary>
    public string? History { get; private init; }

    /// <summary>Final: the encoded log records to store, or null for none.</summary>
    public string? Logs { get; private init; }

    public Action<Exception>? OnError { get; }

    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static PostgresWrite Insert(ExecutionRecord execution, bool enqueue, string? owner, Action<Exception>? onError) =>
        new(execution, isInsert: true, onError) { Enqueue = enqueue, Owner = owner };

    /// <summary>The end of a run: its record, history and logs; an async execution's queue entry is done.</summary>
    public static PostgresWrite Complete(ExecutionRecord execution, string? history, string? logs, bool firstRun, Action<Exception>? onError) =>
        new(execution, isInsert: false, onError)
        {
            // A run after a takeover replaces what an interrupted run may have left (sync executions never re-run).
            ReplacesEarlierRun = !execution.Sync && !firstRun,
            EndsQueueEntry = !execution.Sync,
            History = history,
            Logs = logs,
        };

    /// <summary>A stop: the record, the queue entry done, and a notification to the node running it.</summary>
    public static PostgresWrite Stop(ExecutionRecord final) =>
        new(final, isInsert: false, onError: null) { EndsQueueEntry = true, NotifiesStop = true };
}
