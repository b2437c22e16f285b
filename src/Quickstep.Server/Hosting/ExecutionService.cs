using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Quickstep.Aws.Hosting;
using Quickstep.Engine;
using Quickstep.Engine.History;
using Quickstep.Json;
using Quickstep.Server.Metering;
using Quickstep.Storage;

namespace Quickstep.Server.Hosting;

/// <summary>
/// Runs executions: synchronous ones inline (at most once), asynchronous ones from the durable queue on a
/// bounded pool of async workers (at least once: whatever was accepted and not finished before a crash
/// runs again at startup). Compiled plans are cached per state machine revision and version.
/// </summary>
internal sealed class ExecutionService : IAsyncDisposable
{
    private readonly IQuickstepStore _store;
    private readonly QuickstepEngine _engine;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, PreparedMachine> _machines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunningExecution> _running = new(StringComparer.Ordinal);
    private readonly Channel<QueuedExecution> _queue = Channel.CreateUnbounded<QueuedExecution>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _stoppedWhileQueued = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<Task, byte> _workers = new();
    private readonly Action<Exception> _writeFailed;
    private readonly int _maxInterruptedAttempts;
    private readonly int _maxQueued;
    private readonly int _maxSyncPerMachine;
    private readonly ConcurrentDictionary<string, StrongBox<int>> _syncInFlight = new(StringComparer.Ordinal);
    private int _queuedCount;
    private Task? _dispatcher;
    private int _syncRunning;
    private bool _draining;
    private ITimer? _graceTimer;
    private Task? _heartbeat;
    private readonly WakeSignal _wakeHeartbeat = new();
    private readonly bool _shared;
    private readonly ConcurrentDictionary<string, byte> _queuedHere = new(StringComparer.Ordinal);

    public ExecutionService(IQuickstepStore store, QuickstepEngine engine, QuickstepServerOptions options, ILogger logger)
    {
        _store = store;
        _engine = engine;
        _time = options.TimeProvider;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentExecutions));
        _writeFailed = e => Log.WriteBehindFailed(_logger, e);
        _maxInterruptedAttempts = Math.Max(0, options.MaxInterruptedAttempts);
        _maxQueued = Math.Max(1, options.MaxQueuedExecutions);
        _maxSyncPerMachine = Math.Max(1, options.MaxSyncExecutionsPerStateMachine);
        Metrics = new Telemetry.ServerMetrics(Math.Max(1, options.MaxConcurrentExecutions));
        _shared = store.LeaseDuration is not null;
    }

    /// <summary>Called after each heartbeat of a node sharing its store (EventBridge takes over the undelivered events of dead nodes).</summary>
    public Action? AfterHeartbeat { get; set; }

    /// <summary>Told when an execution starts running and when it ends (EventBridge's "Step Functions Execution Status Change").</summary>
    public Action<ExecutionRecord>? StatusChanged { get; set; }

    /// <summary>The queue's depth, the pool's use, throttled executions (GET /metrics).</summary>
    public Telemetry.ServerMetrics Metrics { get; }

    /// <summary>Set for JSON logs: each execution's log lines carry its ARN in a logging scope.</summary>
    public bool ExecutionLogScopes { get; init; }

    /// <summary>Where a failed write-behind of an execution is reported (the caller has its answer already).</summary>
    public Action<Exception> WriteFailed => _writeFailed;

    /// <summary>Re-queues what a previous process accepted but did not finish, then starts the workers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.AbortInterruptedSyncExecutionsAsync(_time.GetUtcNow(), "Quickstep.Interrupted",
            "The server stopped while this synchronous execution ran; synchronous executions are never run again (at most once).", cancellationToken).ConfigureAwait(false);
        var pending = await _store.RecoverQueueAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
            Log.Recovered(_logger, pending.Count);
        foreach (var arn in pending)
        {
            Metrics.Queued();
            Interlocked.Increment(ref _queuedCount);
            if (_shared)
                _queuedHere[arn] = 0;
            _queue.Writer.TryWrite(new QueuedExecution(arn, null, null, null));
        }

        _dispatcher = Task.Run(DispatchAsync, CancellationToken.None);
        if (_store.LeaseDuration is { } lease)
            _heartbeat = Task.Run(() => HeartbeatAsync(lease), CancellationToken.None);
    }

    /// <summary>Runs the next heartbeat now (another node gave its lease up: its work can be taken over at once).</summary>
    public void WakeHeartbeat() => _wakeHeartbeat.Set();

    /// <summary>Most entries one heartbeat takes over; the rest wait for the next beat.</summary>
    private const int ClaimBatch = 1000;

    /// <summary>
    /// With a store other nodes share: every third of the lease, renews this node's lease on what it runs, aborts
    /// the synchronous executions of nodes whose lease expired and takes over their queue entries (at least once).
    /// </summary>
    private async Task HeartbeatAsync(TimeSpan lease)
    {
        var interval = lease / 3;
        while (!_shutdown.IsCancellationRequested)
        {
            try
            {
                using (var beat = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token, _wakeHeartbeat.Arm()))
                {
                    try
                    {
                        await Task.Delay(interval, _time, beat.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!_shutdown.IsCancellationRequested)
                    {
                        // Woken: another node left; take its work over now.
                    }
                }

                await _store.RenewLeaseAsync(_shutdown.Token).ConfigureAwait(false);
                var aborted = await _store.AbortInterruptedSyncExecutionsAsync(_time.GetUtcNow(), "Quickstep.Interrupted",
                    "The node running this synchronous execution stopped; synchronous executions are never run again (at most once).", _shutdown.Token).ConfigureAwait(false);
                if (aborted > 0)
                    ClusterLog.AbortedSync(_logger, aborted);
                var claimed = await _store.ClaimExpiredAsync(ClaimBatch, _shutdown.Token).ConfigureAwait(false);
                if (claimed.Count > 0)
                    ClusterLog.TookOver(_logger, claimed.Count);
                foreach (var arn in claimed)
                {
                    Metrics.Queued();
                    _queuedHere[arn] = 0;
                    _queue.Writer.TryWrite(new QueuedExecution(arn, null, null, null));
                }

                // The fallback of the stop notification (lost while the listening connection was re-established).
                if (!_running.IsEmpty)
                    await StopEndedElsewhereAsync([.. _running.Keys]).ConfigureAwait(false);
                AfterHeartbeat?.Invoke();
            }
            catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the heartbeat must outlive a database hiccup; the next beat retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ClusterLog.HeartbeatFailed(_logger, e);
            }
        }
    }

    /// <summary>
    /// The plan of a snapshot: the one kept when its revision was written, else (a revision stored by an
    /// earlier process) compiled once now; throws <see cref="InvalidDefinitionException"/>.
    /// </summary>
    public PreparedMachine Compile(MachineSnapshot machine) =>
        _machines.GetOrAdd(machine.CacheKey, static (_, m) => Prepared(m.Machine, m.Engine.Load(m.Machine.Definition, m.Machine.Name, StateMachineType.Express)), (Engine: _engine, Machine: machine));

    /// <summary>Keeps the machine compiled when its revision was created or updated, so it is not loaded again to run.</summary>
    public void Keep(MachineSnapshot machine, StateMachine plan) => _machines.TryAdd(machine.CacheKey, Prepared(machine, plan));

    private static PreparedMachine Prepared(MachineSnapshot machine, StateMachine plan)
    {
        var (level, include) = ExpressLogging.Parse(machine.LoggingConfiguration);
        return new PreparedMachine(plan, Encoding.UTF8.GetByteCount(machine.Definition), plan.MapAndParallelStates, level, include);
    }

    /// <summary>
    /// Host stopping: synchronous executions in flight get up to <paramref name="grace"/> to finish and answer their
    /// callers; then (or at once when none runs) everything still running is cancelled: async executions stay queued
    /// and run again at the next start, sync ones end ABORTED.
    /// </summary>
    public void BeginShutdown(TimeSpan grace)
    {
        Volatile.Write(ref _draining, true);
        if (grace <= TimeSpan.Zero || Volatile.Read(ref _syncRunning) == 0)
        {
            CancelRunning();
            return;
        }

        _graceTimer = _time.CreateTimer(static s => ((ExecutionService)s!).CancelRunning(), this, grace, Timeout.InfiniteTimeSpan);
    }

    private void CancelRunning()
    {
        try
        {
            _shutdown.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing is running.
        }
    }

    /// <summary>Hands an accepted (stored and queued) execution to the workers, with what they need to run it without reading it back.</summary>
    /// <param name="input">The execution's input, parsed when it was validated (not parsed again to run).</param>
    public void Enqueue(ExecutionRecord execution, MachineSnapshot machine, JValue input)
    {
        Metrics.Queued();
        Interlocked.Increment(ref _queuedCount);
        if (_shared)
            _queuedHere[execution.Arn] = 0;
        _queue.Writer.TryWrite(new QueuedExecution(execution.Arn, execution, machine, input));
    }

    /// <summary>
    /// A node sharing the store stopped this execution through the store (StopExecution on that node): if it runs here
    /// it stops with the stored error and cause; if it waits here for a worker, the worker skips it.
    /// </summary>
    public void StoppedElsewhere(string executionArn)
    {
        if (_running.ContainsKey(executionArn))
            _ = Task.Run(() => StopEndedElsewhereAsync([executionArn]), CancellationToken.None);
        else if (_queuedHere.ContainsKey(executionArn))
            _stoppedWhileQueued[executionArn] = 0;
    }

    /// <summary>Stops the runs here whose stored record another node ended (a stop, or a run of a taken-over execution that finished first).</summary>
    private async Task StopEndedElsewhereAsync(IReadOnlyCollection<string> arns)
    {
        IReadOnlyList<ExecutionRecord> ended;
        try
        {
            ended = await _store.ListEndedAsync(arns, _shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // the store did not answer; the next heartbeat looks again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ClusterLog.HeartbeatFailed(_logger, e);
            return;
        }

        foreach (var record in ended)
        {
            if (!_running.TryGetValue(record.Arn, out var running))
                continue;
            try
            {
                // Its own final write then changes only the history: the stored record stays what ended it first.
                running.Stop.Request(record.Error, record.Cause);
            }
            catch (ObjectDisposedException)
            {
                // It finished in the meantime.
            }
        }
    }

    /// <summary>True when <see cref="QuickstepServerOptions.MaxQueuedExecutions"/> executions wait for a worker: StartExecution is throttled.</summary>
    public bool QueueFull => Volatile.Read(ref _queuedCount) >= _maxQueued;

    /// <summary>
    /// Takes one of the state machine's synchronous slots (<see cref="QuickstepServerOptions.MaxSyncExecutionsPerStateMachine"/>);
    /// false when all are in use. Give it back with <see cref="ExitSync"/>.
    /// </summary>
    public bool TryEnterSync(string stateMachineArn)
    {
        var count = _syncInFlight.GetOrAdd(stateMachineArn, static _ => new StrongBox<int>());
        if (Interlocked.Increment(ref count.Value) <= _maxSyncPerMachine)
            return true;
        Interlocked.Decrement(ref count.Value);
        return false;
    }

    public void ExitSync(string stateMachineArn)
    {
        if (_syncInFlight.TryGetValue(stateMachineArn, out var count))
            Interlocked.Decrement(ref count.Value);
    }

    public RunningExecution? Running(string executionArn) => _running.TryGetValue(executionArn, out var r) ? r : null;

    /// <summary>StartSyncExecution: runs now, while the caller waits; never re-run.</summary>
    /// <param name="input">The execution's input, parsed when it was validated (not parsed again to run).</param>
    public async Task<ExecutionRecord> RunSyncAsync(ExecutionRecord execution, MachineSnapshot machine, JValue input)
    {
        Interlocked.Increment(ref _syncRunning);
        try
        {
            return await RunCoreAsync(execution, machine, sync: true, firstRun: true, input).ConfigureAwait(false) ?? execution;
        }
        finally
        {
            // The last sync execution of a drain ends it: nothing is left to wait for.
            if (Interlocked.Decrement(ref _syncRunning) == 0 && Volatile.Read(ref _draining))
                CancelRunning();
        }
    }

    public async Task<MachineSnapshot?> SnapshotAsync(ExecutionRecord execution, CancellationToken cancellationToken)
    {
        if (execution.StateMachineVersionArn is { } versionArn)
        {
            var v = await _store.GetVersionAsync(versionArn, cancellationToken).ConfigureAwait(false);
            return v is null ? null : Snapshot(v, NameOf(execution.StateMachineArn));
        }

        var sm = await _store.GetStateMachineAsync(execution.StateMachineArn, cancellationToken).ConfigureAwait(false);
        return sm is null ? null : Snapshot(sm);
    }

    public static MachineSnapshot Snapshot(StateMachineRecord sm) =>
        new(sm.Arn, sm.Name, sm.Definition, sm.RoleArn, sm.LoggingConfiguration, null, $"{sm.Arn}#{sm.RevisionId}");

    public static MachineSnapshot Snapshot(StateMachineVersionRecord v, string name) =>
        new(v.StateMachineArn, name, v.Definition, v.RoleArn, v.LoggingConfiguration, v.Arn, $"{v.Arn}#{v.RevisionId}");

    private static string NameOf(string stateMachineArn) => stateMachineArn[(stateMachineArn.LastIndexOf(':') + 1)..];

    private async Task DispatchAsync()
    {
        try
        {
            await foreach (var queued in _queue.Reader.ReadAllAsync(_shutdown.Token).ConfigureAwait(false))
            {
                if (_slots.CurrentCount == 0)
                    Metrics.Throttled.Add(1, new KeyValuePair<string, object?>(Engine.Telemetry.QuickstepTelemetry.StateMachineArnTag, queued.Execution?.StateMachineArn ?? ""));
                await _slots.WaitAsync(_shutdown.Token).ConfigureAwait(false);
                Metrics.Dequeued();
                Interlocked.Decrement(ref _queuedCount);
                var worker = Task.Run(() => RunQueuedAsync(queued), CancellationToken.None);
                _workers.TryAdd(worker, 0);
                _ = worker.ContinueWith(t => _workers.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Shutting down: what is still queued stays accepted in the store.
        }
    }

    private async Task RunQueuedAsync(QueuedExecution queued)
    {
        var arn = queued.Arn;
        try
        {
            // Accepted by this process: the record and the machine as they were accepted. Recovered after a
            // restart: read back from the store.
            var execution = queued.Execution ?? await _store.GetExecutionAsync(arn, _shutdown.Token).ConfigureAwait(false);
            if (_stoppedWhileQueued.TryRemove(arn, out _) || execution is null || execution.Status != ExecutionStatus.Running)
                return;
            var machine = queued.Machine ?? await SnapshotAsync(execution, _shutdown.Token).ConfigureAwait(false);
            if (machine is null)
            {
                await FinishWithoutRunAsync(execution, ExecutionStatus.Failed, "States.Runtime", "The state machine of this execution no longer exists.").ConfigureAwait(false);
                return;
            }

            // Accepted by this process, the queue entry stays Accepted while it runs (no MarkRunningAsync: one write
            // less per execution); recovery treats Accepted and Running alike, so a crash now still runs it again.
            // Recovered, each run is counted durably first: one that ends the process every time is not run forever.
            if (queued.Execution is null)
            {
                var attempts = await _store.MarkRunningAsync(arn, _shutdown.Token).ConfigureAwait(false);
                if (attempts > _maxInterruptedAttempts)
                {
                    Log.PoisonExecution(_logger, arn, attempts - 1);
                    await FinishWithoutRunAsync(execution, ExecutionStatus.Failed, "States.Runtime",
                        $"The execution was stopped after {attempts - 1} interrupted attempts: the server ended while it ran each time it was run again after a restart, so it is not run again (the limit is QuickstepServerOptions.MaxInterruptedAttempts).").ConfigureAwait(false);
                    return;
                }
            }

            await RunCoreAsync(execution, machine, sync: false, firstRun: queued.Execution is not null, queued.Input).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Shutdown: the queue entry stays; the next start runs it again.
        }
#pragma warning disable CA1031 // a worker must survive any failure of one execution; it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.ExecutionCrashed(_logger, arn, e);
        }
        finally
        {
            if (_shared)
                _queuedHere.TryRemove(arn, out _);
            Metrics.WorkerDone();
            _slots.Release();
        }
    }

    /// <summary>
    /// StopExecution of an execution that does not run in this process: accepted here and no worker has started it (it
    /// ends now, and the worker skips it), or, with a store other nodes share, run or queued by another node. Then the
    /// record ends ABORTED only if it is still RUNNING (the stored record is returned otherwise) and that node, told
    /// through the store, stops its run without overwriting the record.
    /// </summary>
    public async Task<ExecutionRecord> StopQueuedAsync(ExecutionRecord execution, string? error, string? cause)
    {
        if (!_shared)
        {
            _stoppedWhileQueued[execution.Arn] = 0;
            return await FinishWithoutRunAsync(execution, ExecutionStatus.Aborted, error, cause).ConfigureAwait(false);
        }

        if (_queuedHere.ContainsKey(execution.Arn))
            _stoppedWhileQueued[execution.Arn] = 0;
        var final = execution with { Status = ExecutionStatus.Aborted, Error = error, Cause = cause, StopDate = _time.GetUtcNow() };
        if (await _store.TryStopExecutionAsync(final, CancellationToken.None).ConfigureAwait(false))
            return final;
        return await _store.GetExecutionAsync(execution.Arn, CancellationToken.None).ConfigureAwait(false) ?? final;
    }

    /// <summary>Ends an execution that never ran (stopped while queued, or its machine is gone).</summary>
    public async Task<ExecutionRecord> FinishWithoutRunAsync(ExecutionRecord execution, ExecutionStatus status, string? error, string? cause)
    {
        var final = execution with { Status = status, Error = error, Cause = cause, StopDate = _time.GetUtcNow() };
        await _store.CompleteExecutionAsync(final, [], [], CancellationToken.None).ConfigureAwait(false);
        return final;
    }

    /// <param name="firstRun">Accepted by this process (not recovered after a restart): nothing of an earlier run to replace in the store.</param>
    /// <param name="parsedInput">The input already parsed (accepted by this process), or null to parse <see cref="ExecutionRecord.Input"/>.</param>
    private async Task<ExecutionRecord?> RunCoreAsync(ExecutionRecord execution, MachineSnapshot machine, bool sync, bool firstRun, JValue? parsedInput)
    {
        using var running = new RunningExecution();
        _running[execution.Arn] = running;
        StatusChanged?.Invoke(execution);
        ExecutionRecord? final = null;
        try
        {
            final = await RunAsync(execution, machine, sync, firstRun, parsedInput, running).ConfigureAwait(false);
            return final;
        }
        finally
        {
            _running.TryRemove(execution.Arn, out _);
            if (final is not null)
            {
                running.Finish(final);
                StatusChanged?.Invoke(final);
            }
            else
                running.Abandon();
        }
    }

    private async Task<ExecutionRecord?> RunAsync(ExecutionRecord execution, MachineSnapshot machine, bool sync, bool firstRun, JValue? parsedInput, RunningExecution running)
    {
        PreparedMachine compiled;
        try
        {
            compiled = Compile(machine);
        }
        catch (InvalidDefinitionException e)
        {
            return await FinishWithoutRunAsync(execution, ExecutionStatus.Failed, "States.Runtime", e.Message).ConfigureAwait(false);
        }

        var input = parsedInput ?? JsonText.Parse(execution.Input);
        ExecutionResult result;
        using var scope = ExecutionLogScopes ? _logger.BeginScope(new Telemetry.ExecutionLogScope(execution.Arn)) : null;
        try
        {
            // StopExecution reaches the engine through running.Stop; host shutdown through the token.
            var options = new ExecutionOptions
            {
                Name = execution.Name,
                ExecutionArn = execution.Arn,
                RoleArn = machine.RoleArn,
                HistorySink = running.Sink,
                Synchronous = sync,
                Stop = running.Stop,
                TraceParent = execution.TraceHeader is null ? null : Telemetry.TraceHeaders.Parse(execution.TraceHeader),
            };
            result = await compiled.Plan.ExecuteAsync(input, options, _shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An engine fault ends this execution (FAILED) instead of leaving it running or re-running it forever.
            Log.ExecutionCrashed(_logger, execution.Arn, e);
            return await FinishWithoutRunAsync(execution, ExecutionStatus.Failed, "States.Runtime", "Internal error: " + e.Message).ConfigureAwait(false);
        }

        var stopped = running.Stop.IsRequested;
        if (_shutdown.IsCancellationRequested && !stopped && !sync)
            return null; // Host shutdown, not a stop: leave it queued so that it runs again (at least once).

        var events = running.Sink.Snapshot();
        var interrupted = _shutdown.IsCancellationRequested && !stopped && result.Status == ExecutionStatus.Aborted;
        var output = result.Status == ExecutionStatus.Succeeded ? result.Output?.ToString() : null;
        var dataBytes = Encoding.UTF8.GetByteCount(execution.Input) + (output is null ? 0 : Encoding.UTF8.GetByteCount(output));
        var final = execution with
        {
            Status = result.Status,
            Output = output,
            Error = interrupted ? "Quickstep.Interrupted" : result.Error,
            Cause = interrupted ? "The server stopped while this synchronous execution ran; it is not run again (at most once)." : result.Cause,
            StopDate = result.StopDate,
            BilledDurationMilliseconds = Billing.BilledDurationMilliseconds(result.StopDate - result.StartDate),
            BilledMemoryMegabytes = Billing.BilledMemoryMegabytes(compiled.DefinitionBytes, dataBytes, compiled.MapAndParallelStates),
            // The log records are not stored: GET /quickstep/logs derives them from the history with this level.
            LogLevel = ExpressLogging.LevelText(compiled.LogLevel),
            LogIncludesExecutionData = compiled.LogLevel != ExecutionLogLevel.Off && compiled.IncludeExecutionData,
        };
        var history = new List<HistoryRecord>(events.Count);
        foreach (var e in events)
            history.Add(new HistoryRecord(e.Id, HistoryJson.ToJson(e)));
        // A sync result is committed before the caller hears it (a 200 whose record a crash could lose is a promise
        // broken, and usage is metered in the same commit); an async end is written behind: lost in a crash, its
        // queue entry is still accepted and it runs again (see IQuickstepStore.CompleteExecutionBehindAsync).
        if (sync)
            await _store.CompleteExecutionAsync(final, history, [], CancellationToken.None).ConfigureAwait(false);
        else
            await _store.CompleteExecutionBehindAsync(final, history, [], firstRun, _writeFailed).ConfigureAwait(false);
        return final;
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        if (_dispatcher is not null)
            await _dispatcher.ConfigureAwait(false);
        if (_heartbeat is not null)
            await _heartbeat.ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers.Keys).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Workers still busy are abandoned; their queue entries run again on the next start.
        }

        if (_graceTimer is not null)
            await _graceTimer.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();
        _wakeHeartbeat.Dispose();
        Metrics.Dispose();
    }

    /// <summary>A queue entry: the ARN, and for executions accepted by this process their record and machine.</summary>
    private sealed record QueuedExecution(string Arn, ExecutionRecord? Execution, MachineSnapshot? Machine, JValue? Input);
}
