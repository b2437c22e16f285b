using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// The one writer of a store: a thread with one connection that takes queued writes in batches and commits
/// each batch in one transaction (group commit), so that many concurrent callers share a commit and the
/// prepared statements are reused. A caller's task completes after the commit that holds its write, so
/// an acknowledged write is as durable as before (WAL, synchronous=NORMAL: it survives a process kill).
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    /// <summary>Most writes in one transaction; bounds the latency a large batch adds to its first caller.</summary>
    private const int MaxBatch = 256;

    /// <summary>Write-behinds pending (queued, not committed) before a new one makes its caller wait.</summary>
    private const int MaxBehind = 2048;

    /// <summary>SQLite's result codes for a lock held elsewhere (https://www.sqlite.org/rescode.html).</summary>
    private const int SqliteBusy = 5;

    private const int SqliteLocked = 6;

    /// <summary>How often the checkpointer moves committed WAL pages into the database file.</summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(250);

    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly SqliteBatch _batch;
    private readonly Thread _thread;
    private readonly Thread _checkpointer;
    private readonly string _connectionString;
    private readonly ManualResetEventSlim _stopping = new();

    /// <summary>Held while a batch runs, by the writer thread or by a caller committing its own write (<see cref="WriteNowOrQueueAsync"/>).</summary>
    private readonly Lock _gate = new();

    /// <summary>Set under <see cref="_gate"/> when the connection is about to close.</summary>
    private bool _closed;

    /// <summary>Writes in the queue (the single-reader channel cannot count them).</summary>
    private int _queued;

    /// <summary>Write-behind operations queued and not yet committed (or failed).</summary>
    private int _behind;

    /// <summary>
    /// Write-behinds a locked database refused, in their order: accepted work, so they run again before anything
    /// queued after them once the lock is gone (only under <see cref="_gate"/>).
    /// </summary>
    private readonly Queue<WriteOperation> _refused = new();

    /// <summary>Set by <see cref="Dispose"/>: write-behinds still refused by a lock then are given up, not retried forever.</summary>
    private volatile bool _disposing;

    private readonly string _walPath;
    private readonly long _walSizeLimit;

    public SqliteWriter(string connectionString, string walPath, long walSizeLimit)
    {
        _connectionString = connectionString;
        _walPath = walPath;
        _walSizeLimit = walSizeLimit;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        // Per connection. NORMAL in WAL mode survives a process crash (SIGKILL); only an OS crash may
        // lose the last commits. Busy waits come from DefaultTimeout. No automatic checkpoint in the
        // commit path: a checkpoint syncs the files to disk, and the writer would wait for it with every
        // caller of the batch; the checkpointer thread does it beside the writer instead. A page cache
        // (64 MiB) that holds the indexes of a large executions table: execution ARNs are random keys, so
        // every insert lands on some leaf page, which the default 2 MiB cache would read back each time.
        using (var p = _connection.CreateCommand())
        {
            p.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=-65536; PRAGMA journal_size_limit={walSizeLimit};";
            p.ExecuteNonQuery();
        }

        _batch = new SqliteBatch(_connection);
        _thread = new Thread(Run) { IsBackground = true, Name = "Quickstep SQLite writer" };
        _checkpointer = new Thread(Checkpoint) { IsBackground = true, Name = "Quickstep SQLite checkpointer" };
    }

    /// <summary>The batch context, for setup work done before <see cref="Start"/> on the caller's thread.</summary>
    public SqliteBatch Batch => _batch;

    public void Start()
    {
        _thread.Start();
        _checkpointer.Start();
    }

    /// <summary>
    /// PASSIVE checkpoints on a connection of its own: they copy what is committed into the database file
    /// without blocking the writer or readers. The log restarts from its beginning only when it was copied in
    /// full and no reader still uses it; under steady reads that moment may never come and the log grew without
    /// bound (4.9 GB in 3 minutes). So past the limit a TRUNCATE checkpoint waits for the readers of the log
    /// (new writes wait for it, up to the busy timeout) and cuts the file to nothing.
    /// </summary>
    private void Checkpoint()
    {
        using var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var truncate = c.CreateCommand();
        truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        while (!_stopping.Wait(CheckpointInterval))
        {
            try
            {
                cmd.ExecuteNonQuery();
                if (WalBytes() > _walSizeLimit)
                    truncate.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Busy or locked: the next round tries again.
            }
        }
    }

    private long WalBytes()
    {
        try
        {
            return new FileInfo(_walPath).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Queues <paramref name="work"/>; it runs on the writer thread inside a batch transaction, and the task
    /// completes after that transaction committed (or fails with what the work threw; then nothing of it is kept).
    /// <paramref name="afterCommit"/> runs on the writer thread after the commit, before the task completes.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteBatch, T> work, CancellationToken cancellationToken, Action? afterCommit = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var op = new WriteOperation<T>(work, afterCommit, cancellationToken);
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(op))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(SqliteStore));
        }

        return op.Task;
    }

    /// <summary>
    /// Like <see cref="WriteAsync{T}"/>, but when the writer is idle and nothing is queued, runs
    /// <paramref name="work"/> in its own transaction on the calling thread and returns a completed task:
    /// the same commit, without waking the writer thread and then a thread-pool thread for the caller's
    /// continuation (two thread hand-offs that cost more CPU than a one-row insert). Under load the gate is
    /// taken or the queue is not empty, and the write joins the next group commit as before.
    /// </summary>
    public Task<T> WriteNowOrQueueAsync<T>(Func<SqliteBatch, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref _queued) == 0 && _gate.TryEnter())
        {
            try
            {
                // The writer takes queued writes only while it holds the gate, so with the gate held and the queue
                // empty no write queued before this one is pending: running it now keeps the order of writes.
                if (!_closed && Volatile.Read(ref _queued) == 0 && _refused.Count == 0)
                    return RunNow(work);
            }
            finally
            {
                _gate.Exit();
            }
        }

        return WriteAsync(work, cancellationToken);
    }

    private Task<T> RunNow<T>(Func<SqliteBatch, T> work)
    {
        try
        {
            T result;
            using (var tx = Begin())
            {
                _batch.Begin(tx);
                result = work(_batch);
                _batch.Flush();
                tx.Commit();
            }

            return Task.FromResult(result);
        }
#pragma warning disable CA1031 // handed to the caller's task, as a queued write's failure is.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromException<T>(e);
        }
        finally
        {
            _batch.Transaction = null;
        }
    }

    /// <summary>
    /// Queues <paramref name="work"/> without a task to wait for (write-behind): it commits with the next
    /// batch; <paramref name="onError"/> hears of a failure. <see cref="FlushAsync"/> waits for every
    /// write-behind queued before it; <see cref="Dispose"/> commits what is queued.
    /// </summary>
    /// <returns>
    /// A completed task, unless more than <see cref="MaxBehind"/> write-behinds are pending (the writer falls
    /// behind): then a task that completes when this one committed, so that callers slow down to the
    /// writer's pace instead of queueing without bound.
    /// </returns>
    public Task WriteBehind(Action<SqliteBatch> work, Action<Exception> onError)
    {
        var pending = Interlocked.Increment(ref _behind);
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(new BehindOperation(this, work, onError)))
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Decrement(ref _behind);
            throw new ObjectDisposedException(nameof(SqliteStore));
        }

        return pending > MaxBehind ? WriteAsync(static _ => true, CancellationToken.None) : Task.CompletedTask;
    }

    /// <summary>
    /// Completes once every write-behind queued before the call committed (the writer runs writes in
    /// order, so an empty write queued now commits after them); at once when none is pending.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _behind) == 0 ? Task.CompletedTask : WriteAsync(static _ => true, cancellationToken);

    private void Run()
    {
        var ops = new List<WriteOperation>(MaxBatch);
        while (HasRefused() || WaitForWork())
        {
            lock (_gate)
            {
                while (ops.Count < MaxBatch && _refused.TryDequeue(out var again))
                    ops.Add(again);
                while (ops.Count < MaxBatch && _queue.Reader.TryRead(out var op))
                {
                    Interlocked.Decrement(ref _queued);
                    if (op.CancellationToken.IsCancellationRequested)
                        op.Cancel();
                    else
                        ops.Add(op);
                }

                if (ops.Count > 0)
                    RunBatch(ops);
            }

            ops.Clear();
        }
    }

    private bool HasRefused()
    {
        lock (_gate)
        {
            return _refused.Count > 0;
        }
    }

    private bool WaitForWork()
    {
        var wait = _queue.Reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void RunBatch(List<WriteOperation> ops)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        SqliteTransaction begun;
        try
        {
            begun = Begin();
        }
        catch (StoreUnavailableException locked)
        {
            Refuse(ops, 0, locked);
            return;
        }

        try
        {
            using (var tx = begun)
            {
                _batch.Begin(tx);
                foreach (var op in ops)
                    op.Run(_batch);
                _batch.Flush();
                tx.Commit();
            }

            SqliteMetrics.Committed(started, ops.Count);
            foreach (var op in ops)
                op.Complete();
            return;
        }
#pragma warning disable CA1031 // a failing write must fail its caller, not the writer thread: retried one by one below.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Rolled back (the transaction is disposed uncommitted). Run each write in its own transaction,
            // so that one bad write fails alone.
        }
        finally
        {
            _batch.Transaction = null;
        }

        for (var i = 0; i < ops.Count; i++)
        {
            if (RunAlone(ops[i]) is { } locked)
            {
                Refuse(ops, i, locked);
                return;
            }
        }
    }

    /// <summary>Runs one write in its own transaction; the refusal when the database is locked (the write did not run), else null.</summary>
    private StoreUnavailableException? RunAlone(WriteOperation op)
    {
        SqliteTransaction begun;
        try
        {
            begun = Begin();
        }
        catch (StoreUnavailableException locked)
        {
            return locked;
        }

        try
        {
            using (var tx = begun)
            {
                _batch.Begin(tx);
                op.Run(_batch);
                _batch.Flush();
                tx.Commit();
            }

            op.Complete();
        }
#pragma warning disable CA1031 // handed to the caller's task.
        catch (Exception e)
#pragma warning restore CA1031
        {
            op.Fail(e);
        }
        finally
        {
            _batch.Transaction = null;
        }

        return null;
    }

    /// <summary>
    /// BEGIN IMMEDIATE, which waits up to the busy timeout for the write lock; held by another process past it, the
    /// write is refused before anything of it ran.
    /// </summary>
    private SqliteTransaction Begin()
    {
        try
        {
            return _connection.BeginTransaction();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw new StoreUnavailableException(
                $"The Quickstep store is locked by another process (SQLite: database is locked for more than {_connection.DefaultTimeout} s); nothing of this request was applied. Try again.", e);
        }
    }

    /// <summary>
    /// A locked database refused <paramref name="ops"/> from <paramref name="from"/> on, and would refuse what is
    /// queued behind them too: their callers hear it now (nothing was applied) instead of after one more busy
    /// timeout each. Write-behinds, accepted already, are kept in order and run again in the next round.
    /// </summary>
    private void Refuse(List<WriteOperation> ops, int from, StoreUnavailableException locked)
    {
        var earlier = _refused.ToArray();
        _refused.Clear();
        for (var i = from; i < ops.Count; i++)
            RefuseOne(ops[i], locked);
        foreach (var op in earlier)
            _refused.Enqueue(op);
        while (_queue.Reader.TryRead(out var queued))
        {
            Interlocked.Decrement(ref _queued);
            RefuseOne(queued, locked);
        }

        if (_disposing)
        {
            while (_refused.TryDequeue(out var op))
                op.Fail(locked);
        }
    }

    private void RefuseOne(WriteOperation op, StoreUnavailableException locked)
    {
        if (op is BehindOperation)
            _refused.Enqueue(op);
        else if (op.CancellationToken.IsCancellationRequested)
            op.Cancel();
        else
            op.Fail(locked);
    }

    /// <summary>Finishes what is queued, then closes the connection.</summary>
    public void Dispose()
    {
        _disposing = true;
        _queue.Writer.TryComplete();
        if (_thread.IsAlive)
            _thread.Join();
        _stopping.Set();
        if (_checkpointer.IsAlive)
            _checkpointer.Join();
        lock (_gate)
        {
            _closed = true;
        }
        _stopping.Dispose();
        _batch.Dispose();
        _connection.Dispose();
    }

    private abstract class WriteOperation
    {
        protected WriteOperation(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

        public CancellationToken CancellationToken { get; }

        public abstract void Run(SqliteBatch batch);

        public abstract void Complete();

        public abstract void Fail(Exception e);

        public abstract void Cancel();
    }

    /// <summary>A write-behind: nobody waits for it; a failure goes to its callback.</summary>
    private sealed class BehindOperation : WriteOperation
    {
        private readonly SqliteWriter _writer;
        private readonly Action<SqliteBatch> _work;
        private readonly Action<Exception> _onError;

        public BehindOperation(SqliteWriter writer, Action<SqliteBatch> work, Action<Exception> onError)
            : base(CancellationToken.None)
        {
            _writer = writer;
            _work = work;
            _onError = onError;
        }

        public override void Run(SqliteBatch batch) => _work(batch);

        public override void Complete() => Interlocked.Decrement(ref _writer._behind);

        public override void Fail(Exception e)
        {
            Interlocked.Decrement(ref _writer._behind);
            try
            {
                _onError(e);
            }
#pragma warning disable CA1031 // the writer thread must survive a failing error callback.
            catch (Exception)
#pragma warning restore CA1031
            {
                // Nothing left to tell.
            }
        }

        public override void Cancel() => Interlocked.Decrement(ref _writer._behind);
    }

    private sealed class WriteOperation<T> : WriteOperation
    {
        private readonly Func<SqliteBatch, T> _work;
        private readonly Action? _afterCommit;
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public WriteOperation(Func<SqliteBatch, T> work, Action? afterCommit, CancellationToken cancellationToken)
            : base(cancellationToken)
        {
            _work = work;
            _afterCommit = afterCommit;
        }

        public Task<T> Task => _done.Task;

        public override void Run(SqliteBatch batch) => _result = _work(batch);

        public override void Complete()
        {
            _afterCommit?.Invoke();
            _done.TrySetResult(_result);
        }

        public override void Fail(Exception e) => _done.TrySetException(e);

        public override void Cancel() => _done.TrySetCanceled(CancellationToken);
    }
}
