namespace Quickstep.Storage.Sqlite;

/// <summary>Where the SQLite database lives.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; its directory is created. Default "./.quickstep/quickstep.db".</summary>
    public string Path { get; init; } = System.IO.Path.Combine(".quickstep", "quickstep.db");

    /// <summary>
    /// The write-ahead log's bound: past it the checkpointer waits for readers and truncates the log, and a log
    /// that restarts is cut back to it (<c>journal_size_limit</c>). Default 64 MiB.
    /// </summary>
    public long WalSizeLimitBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Executions the retention purge deletes per transaction, so that it never stalls other writes for long. Default 500.</summary>
    public int PurgeBatchSize { get; init; } = 500;

    /// <summary>
    /// How long a write waits for a lock another process holds on the database before it is refused with
    /// <see cref="StoreUnavailableException"/> (nothing of it applied). Default 5 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
