using Microsoft.Data.Sqlite;
using Quickstep.Engine;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (<see cref="SqliteDatabase"/>). Writes go to one writer
/// thread that commits them in batches (<see cref="SqliteWriter"/>; SQLite has a single writer anyway); reads
/// run concurrently on their own pooled connections. Each aggregate has its own store over the shared
/// database: definitions (<see cref="SqliteDefinitionStore"/>), executions (<see cref="SqliteExecutionStore"/>),
/// the async queue (<see cref="SqliteQueueStore"/>) and usage/retention (<see cref="SqliteUsageStore"/>);
/// this class only routes <see cref="IQuickstepStore"/> to them.
/// </summary>
public sealed class SqliteStore : IQuickstepStore
{
    private readonly SqliteDatabase _db;
    private readonly SqliteDefinitionStore _definitions;
    private readonly SqliteQueueStore _queue;
    private readonly int _purgeBatchSize;
    private readonly SqliteExecutionStore _executions;
    private readonly SqliteUsageStore _usage;

    public SqliteStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _db = new SqliteDatabase(options.Path, options.WalSizeLimitBytes);
        _definitions = new SqliteDefinitionStore(_db);
        _queue = new SqliteQueueStore(_db);
        _executions = new SqliteExecutionStore(_db, _queue);
        _usage = new SqliteUsageStore(_db);
        _purgeBatchSize = Math.Max(1, options.PurgeBatchSize);
    }

    public string DatabasePath => _db.DatabasePath;

    /// <summary>The shared database, for other stores kept in the same file.</summary>
    internal SqliteDatabase Database => _db;

    /// <summary>The one writer (for stores of other services kept in the same file).</summary>
    internal SqliteWriter Writer => _db.Writer;

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _db.InitializeAsync(w =>
        {
            _executions.Load(w);
            _queue.Load(w);
        }, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _db.Dispose();
        return ValueTask.CompletedTask;
    }

    public Task<bool> TryCreateStateMachineAsync(StateMachineRecord stateMachine, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default) =>
        _definitions.TryCreateStateMachineAsync(stateMachine, tags, cancellationToken);

    public Task<StateMachineRecord?> GetStateMachineAsync(string arn, CancellationToken cancellationToken = default) =>
        _definitions.GetStateMachineAsync(arn, cancellationToken);

    public Task UpdateStateMachineAsync(StateMachineRecord stateMachine, CancellationToken cancellationToken = default) =>
        _definitions.UpdateStateMachineAsync(stateMachine, cancellationToken);

    public Task<bool> DeleteStateMachineAsync(string arn, CancellationToken cancellationToken = default) =>
        _definitions.DeleteStateMachineAsync(arn, cancellationToken);

    public Task<StateMachineRecord?> GetRetiredStateMachineAsync(string arn, CancellationToken cancellationToken = default) =>
        _definitions.GetRetiredStateMachineAsync(arn, cancellationToken);

    public Task<StateMachineVersionRecord?> GetRetiredVersionAsync(string versionArn, CancellationToken cancellationToken = default) =>
        _definitions.GetRetiredVersionAsync(versionArn, cancellationToken);

    public Task<StorePage<StateMachineRecord>> ListStateMachinesAsync(string? after, int limit, CancellationToken cancellationToken = default) =>
        _definitions.ListStateMachinesAsync(after, limit, cancellationToken);

    public Task AddVersionAsync(StateMachineVersionRecord version, CancellationToken cancellationToken = default) =>
        _definitions.AddVersionAsync(version, cancellationToken);

    public Task<StateMachineVersionRecord?> GetVersionAsync(string versionArn, CancellationToken cancellationToken = default) =>
        _definitions.GetVersionAsync(versionArn, cancellationToken);

    public Task<StorePage<StateMachineVersionRecord>> ListVersionsAsync(string stateMachineArn, string? after, int limit, CancellationToken cancellationToken = default) =>
        _definitions.ListVersionsAsync(stateMachineArn, after, limit, cancellationToken);

    public Task<bool> DeleteVersionAsync(string versionArn, CancellationToken cancellationToken = default) =>
        _definitions.DeleteVersionAsync(versionArn, cancellationToken);

    public Task<bool> TryCreateAliasAsync(StateMachineAliasRecord alias, CancellationToken cancellationToken = default) =>
        _definitions.TryCreateAliasAsync(alias, cancellationToken);

    public Task<StateMachineAliasRecord?> GetAliasAsync(string aliasArn, CancellationToken cancellationToken = default) =>
        _definitions.GetAliasAsync(aliasArn, cancellationToken);

    public Task UpdateAliasAsync(StateMachineAliasRecord alias, CancellationToken cancellationToken = default) =>
        _definitions.UpdateAliasAsync(alias, cancellationToken);

    public Task<bool> DeleteAliasAsync(string aliasArn, CancellationToken cancellationToken = default) =>
        _definitions.DeleteAliasAsync(aliasArn, cancellationToken);

    public Task<StorePage<StateMachineAliasRecord>> ListAliasesAsync(string stateMachineArn, string? after, int limit, CancellationToken cancellationToken = default) =>
        _definitions.ListAliasesAsync(stateMachineArn, after, limit, cancellationToken);

    public Task<IReadOnlyList<ResourceTag>> GetTagsAsync(string resourceArn, CancellationToken cancellationToken = default) =>
        _definitions.GetTagsAsync(resourceArn, cancellationToken);

    public Task SetTagsAsync(string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default) =>
        _definitions.SetTagsAsync(resourceArn, tags, cancellationToken);

    public Task RemoveTagsAsync(string resourceArn, IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        _definitions.RemoveTagsAsync(resourceArn, keys, cancellationToken);

    public Task<bool> TryInsertExecutionAsync(ExecutionRecord execution, bool enqueue, CancellationToken cancellationToken = default) =>
        _executions.TryInsertExecutionAsync(execution, enqueue, cancellationToken);

    public Task InsertExecutionBehindAsync(ExecutionRecord execution, Action<Exception> onError) =>
        _executions.InsertExecutionBehindAsync(execution, onError);

    public Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken cancellationToken = default) =>
        _executions.GetExecutionAsync(arn, cancellationToken);

    public Task<IReadOnlyList<ExecutionRecord>> FindExecutionsAsync(string stateMachineArn, string name, ExecutionStatus status, CancellationToken cancellationToken = default) =>
        _executions.FindExecutionsAsync(stateMachineArn, name, status, cancellationToken);

    public Task<StorePage<ExecutionRecord>> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? status, string? after, int limit, CancellationToken cancellationToken = default) =>
        _executions.ListExecutionsAsync(stateMachineArn, status, after, limit, cancellationToken);

    public Task<StorePage<ExecutionRecord>> ListExecutionsOfAsync(string stateMachineArn, string qualifiedArn, ExecutionStatus? status, string? after, int limit, CancellationToken cancellationToken = default) =>
        _executions.ListExecutionsOfAsync(stateMachineArn, qualifiedArn, status, after, limit, cancellationToken);

    public Task<int> MarkRunningAsync(string executionArn, CancellationToken cancellationToken = default) =>
        _queue.MarkRunningAsync(executionArn, cancellationToken);

    public Task CompleteExecutionAsync(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, CancellationToken cancellationToken = default) =>
        _executions.CompleteExecutionAsync(execution, history, logs, cancellationToken);

    public Task CompleteExecutionBehindAsync(ExecutionRecord execution, IReadOnlyList<HistoryRecord> history, IReadOnlyList<LogRecord> logs, bool firstRun, Action<Exception> onError) =>
        _executions.CompleteExecutionBehindAsync(execution, history, logs, firstRun, onError);

    public Task<IReadOnlyList<string>> RecoverQueueAsync(CancellationToken cancellationToken = default) =>
        _queue.RecoverQueueAsync(cancellationToken);

    public Task<int> AbortInterruptedSyncExecutionsAsync(DateTimeOffset stopDate, string error, string cause, CancellationToken cancellationToken = default) =>
        _executions.AbortInterruptedSyncExecutionsAsync(stopDate, error, cause, cancellationToken);

    public Task<bool> TryStopExecutionAsync(ExecutionRecord final, CancellationToken cancellationToken = default) =>
        _executions.TryStopExecutionAsync(final, cancellationToken);

    public Task<IReadOnlyList<ExecutionRecord>> ListEndedAsync(IReadOnlyCollection<string> executionArns, CancellationToken cancellationToken = default) =>
        _executions.ListEndedAsync(executionArns, cancellationToken);

    public Task<QueueState?> GetQueueStateAsync(string executionArn, CancellationToken cancellationToken = default) =>
        _queue.GetQueueStateAsync(executionArn, cancellationToken);

    public Task<IReadOnlyList<HistoryRecord>> GetHistoryAsync(string executionArn, CancellationToken cancellationToken = default) =>
        _executions.GetHistoryAsync(executionArn, cancellationToken);

    public Task<IReadOnlyList<HistoryRecord>> GetHistoryPageAsync(string executionArn, long? afterId, int limit, bool reverse, CancellationToken cancellationToken = default) =>
        _executions.GetHistoryPageAsync(executionArn, afterId, limit, reverse, cancellationToken);

    public Task<IReadOnlyList<LogRecord>> GetLogsAsync(string executionArn, CancellationToken cancellationToken = default) =>
        _executions.GetLogsAsync(executionArn, cancellationToken);

    public Task<IReadOnlyList<UsageRecord>> GetUsageAsync(CancellationToken cancellationToken = default) =>
        _usage.GetUsageAsync(cancellationToken);

    public Task<int> PurgeExecutionsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        _usage.PurgeExecutionsAsync(cutoff, _purgeBatchSize, cancellationToken);

    // ---- the shared plumbing, under the names other stores in this assembly use ----

    internal Task<SqliteConnection> OpenAsync(CancellationToken ct) => _db.OpenAsync(ct);

    internal Task<T> WriteAsync<T>(Func<SqliteBatch, T> work, CancellationToken ct, Action? afterCommit = null) => _db.WriteAsync(work, ct, afterCommit);

    internal Task FlushAsync(CancellationToken ct) => _db.FlushAsync(ct);

    internal static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args) => SqliteDatabase.Command(c, tx, sql, args);

    internal static Task<int> ExecAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] args) => SqliteDatabase.ExecAsync(c, tx, sql, ct, args);

    internal static Task<object?> ScalarAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] args) => SqliteDatabase.ScalarAsync(c, tx, sql, ct, args);

    internal static string? Str(SqliteDataReader r, int i) => SqliteDatabase.Str(r, i);

    internal static long Ms(DateTimeOffset d) => SqliteDatabase.Ms(d);

    internal static DateTimeOffset Date(long ms) => SqliteDatabase.Date(ms);
}
