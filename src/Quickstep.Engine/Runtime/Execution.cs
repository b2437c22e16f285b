using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Engine.History;
using Quickstep.Json;

namespace Quickstep.Engine.Runtime;

/// <summary>
/// Everything mutable about one execution, in one typed object (CONVENTIONS, habit 1). The plan is
/// shared; this is not. Map iterations and Parallel branches may run concurrently, so counters are
/// updated atomically.
/// </summary>
internal sealed class Execution : IEvaluationServices, Jsonata.IEvaluationGuard
{
    private readonly List<HistoryEvent>? _history;
    private readonly IHistorySink? _sink;
    private readonly bool _synchronous;
    private long _eventId;
    private long _transitions;
    private readonly CancellationTokenSource _abort;
    private readonly ExecutionStop? _stopSignal;
    private ITimer? _deadlineTimer;
    private JObject? _executionContext;
    private readonly IEvaluationServices _services;

    /// <param name="cancellation">The host's cancellation: the execution ends ABORTED without an error.</param>
    public Execution(StateMachine machine, string name, string arn, JValue input, ExecutionOptions options, CancellationToken cancellation)
    {
        _stopSignal = options.Stop;
        Cancellation = cancellation;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stopSignal?.Token ?? CancellationToken.None);
        Machine = machine;
        Engine = machine.Engine;
        Name = name;
        Arn = arn;
        Input = input;
        TestCase = options.TestCase;
        RoleArn = options.RoleArn ?? machine.RoleArn;
        Time = Engine.Options.TimeProvider;
        Tracker = Engine.Options.IdleTracker;
        _services = Engine.EvaluationServices;
        StartTime = Time.GetUtcNow();
        Abort = _abort.Token;
        _history = options.RecordHistory ? [] : null;
        _sink = options.HistorySink;
        Recording = _history is not null || _sink is not null;
        var limit = Engine.Options.MaxExecutionDuration;
        if (machine.Plan.TimeoutSeconds is int seconds && TimeSpan.FromSeconds(seconds) < limit)
            limit = TimeSpan.FromSeconds(seconds);
        Deadline = StartTime + limit;
        _synchronous = options.Synchronous;
    }

    private JObject BuildExecutionContext()
    {
        var context = new JObjectBuilder(6)
            .AddUnique("Id", JValue.FromString(Arn))
            .AddUnique("Input", Input)
            .AddUnique("StartTime", JValue.FromString(AslTimestamp.Format(StartTime)))
            .AddUnique("Name", JValue.FromString(Name))
            .AddUnique("RoleArn", JValue.FromString(RoleArn));

        // Synchronous Express executions have no RedriveCount (recorded: express/test_express_sync/test_query_runtime_memory).
        if (!_synchronous)
            context.AddUnique("RedriveCount", JNumber.Zero);
        return context.Build();
    }

    public StateMachine Machine { get; }

    public QuickstepEngine Engine { get; }

    public string Name { get; }

    public string Arn { get; }

    public JValue Input { get; }

    public string? TestCase { get; }

    public string RoleArn { get; }

    public TimeProvider Time { get; }

    /// <summary>Where the execution reports its runnable work (<see cref="EngineOptions.IdleTracker"/>); null when nothing listens.</summary>
    public IdleTracker? Tracker { get; }

    /// <summary>The engine's services, with this execution as the guard that stops its evaluations (StopExecution, the deadline).</summary>
    public IEvaluationServices Services => this;

    DateTimeOffset Jsonata.IJsonataServices.UtcNow => _services.UtcNow;

    double Jsonata.IJsonataServices.NextDouble() => _services.NextDouble();

    Guid Jsonata.IJsonataServices.NewGuid() => _services.NewGuid();

    Jsonata.IEvaluationGuard Jsonata.IJsonataServices.Guard => this;

    /// <summary>
    /// Polled by long evaluations (JSONata): a stopped execution, or one past its deadline, stops computing now
    /// instead of at the next state boundary. The state loop turns the exception into ABORTED or TIMED_OUT.
    /// </summary>
    public void ThrowIfStopped()
    {
        Abort.ThrowIfCancellationRequested();
        if (!TimedOut && !PastDeadline())
            return;
        TimedOut = true;
        throw new OperationCanceledException("The execution passed its deadline.");
    }

    /// <summary>True when an evaluation was stopped by <see cref="ThrowIfStopped"/> (or the host): not a failure of the state.</summary>
    public bool Halted => Abort.IsCancellationRequested || TimedOut;

    public DateTimeOffset StartTime { get; }

    /// <summary>The Express cap or the machine's TimeoutSeconds, whichever comes first.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>Cancelled by the host, by <see cref="ExecutionOptions.Stop"/> or by the deadline's timer.</summary>
    public CancellationToken Abort { get; }

    /// <summary>The host's cancellation (not a stop, not the deadline).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The <see cref="ExecutionOptions.Stop"/> signal, when it was requested.</summary>
    public ExecutionStop? StopSignal => _stopSignal is { IsRequested: true } s ? s : null;

    /// <summary>True once the execution was stopped from outside (StopExecution or the host), as opposed to a timeout.</summary>
    public bool StopRequested => StopSignal is not null || Cancellation.IsCancellationRequested;

    /// <summary>The context object's "Execution" member, built on first use (most executions never read $$).</summary>
    public JObject ExecutionContext => _executionContext ??= BuildExecutionContext();

    public bool Recording { get; }

    /// <summary>The execution's span; null when nothing listens to <see cref="Telemetry.QuickstepTelemetry"/> (the usual case).</summary>
    public System.Diagnostics.Activity? Span { get; set; }

    /// <summary>Set only when TestState runs a state (null in every execution): it records the data flow and answers mocks.</summary>
    public Testing.StateInspector? Inspector { get; init; }

    public long Transitions => Interlocked.Read(ref _transitions);

    public IReadOnlyList<HistoryEvent>? History => _history;

    /// <summary>Set when the deadline passed: the execution ends TIMED_OUT.</summary>
    public bool TimedOut { get; set; }

    public void CountTransition() => Interlocked.Increment(ref _transitions);

    public bool PastDeadline() => Time.GetUtcNow() >= Deadline;

    /// <summary>
    /// While the execution waits on something that is not its own clock (a handler call), a timer on the
    /// clock enforces the deadline. Between such waits the deadline is checked where time passes (state
    /// boundaries and sleeps), so a clock whose timers fire as soon as they exist never fires this one early.
    /// </summary>
    public void ArmDeadline()
    {
        if (Volatile.Read(ref _deadlineTimer) is not null || Abort.IsCancellationRequested)
            return;
        var timer = Time.CreateTimer(static s => ((Execution)s!).DeadlineReached(), this, Infinite, Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref _deadlineTimer, timer, null) is not null)
        {
            timer.Dispose();
            return;
        }

        var remaining = Deadline - Time.GetUtcNow();
        timer.Change(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private static readonly TimeSpan Infinite = Timeout.InfiniteTimeSpan;

    private void DeadlineReached()
    {
        TimedOut = true;
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The execution ended first.
        }
    }

    /// <summary>Releases the deadline's timer and the abort source once the execution ended.</summary>
    public void End()
    {
        Interlocked.Exchange(ref _deadlineTimer, null)?.Dispose();
        _abort.Dispose();
    }

    /// <summary>
    /// Numbers the next event and records it when history is on. Event ids are kept even when
    /// history is off, because AWS's causes cite them ("entered at the event id #2").
    /// </summary>
    public long Emit(Frame frame, string type, string? detailsName = null, JObject? details = null) =>
        Emit(frame, type, detailsName, details, frame.PreviousEventId, advance: true);

    /// <summary>
    /// Emits with an explicit previousEventId; <paramref name="advance"/> false leaves the frame's chain where it
    /// was (AWS's MapStateSucceeded/ParallelStateSucceeded: the following Exited event points past them).
    /// Events of a silent frame (a Distributed Map's child executions) are not part of this history.
    /// </summary>
    public long Emit(Frame frame, string type, string? detailsName, JObject? details, long previous, bool advance) =>
        Emit(frame, type, detailsName, details, null, null, previous, advance);

    /// <summary>Emits an event whose details <paramref name="shape"/> builds around <paramref name="payload"/> only when read.</summary>
    public long Emit(Frame frame, string type, string detailsName, EventDetails shape, JValue payload) =>
        Emit(frame, type, detailsName, null, shape, payload, frame.PreviousEventId, advance: true);

    /// <inheritdoc cref="Emit(Frame, string, string, EventDetails, JValue)"/>
    public long Emit(Frame frame, string type, string detailsName, EventDetails shape, JValue payload, long previous, bool advance) =>
        Emit(frame, type, detailsName, null, shape, payload, previous, advance);

    private long Emit(Frame frame, string type, string? detailsName, JObject? details, EventDetails? shape, JValue? payload, long previous, bool advance)
    {
        if (frame.Silent)
            return frame.PreviousEventId;
        var id = Interlocked.Increment(ref _eventId);
        if (Recording)
        {
            var e = shape is not null
                ? new HistoryEvent(type, id, previous, Time.GetUtcNow(), detailsName!, shape, payload!)
                : new HistoryEvent(type, id, previous, Time.GetUtcNow(), detailsName, details);
            Record(e);
        }

        if (advance)
            frame.PreviousEventId = id;
        return id;
    }

    private void Record(HistoryEvent e)
    {
        if (_history is not null)
        {
            lock (_history)
                _history.Add(e);
        }

        _sink?.Add(e);
    }

    public EvaluationScope Scope(JValue input, JValue context, Frame frame) => new(input, context, frame, Services);

    /// <summary>The context object ($$) for a state: Execution, StateMachine, State, and Map/Task members.</summary>
    public JObject Context(string stateName, DateTimeOffset entered, int? retryCount = null, JObject? map = null)
    {
        if (Inspector is { } test)
            return test.Context(this, stateName, entered);
        var state = new JObjectBuilder(3)
            .AddUnique("Name", JValue.FromString(stateName))
            .AddUnique("EnteredTime", JValue.FromString(AslTimestamp.Format(entered)));
        if (retryCount is int r)
            state.AddUnique("RetryCount", JValue.FromNumber(r));
        var b = new JObjectBuilder(4)
            .AddUnique("Execution", ExecutionContext)
            .AddUnique("StateMachine", Machine.ContextObject)
            .AddUnique("State", state.Build());
        if (map is not null)
            b.AddUnique("Map", map);
        return b.Build();
    }

    /// <summary>
    /// Waits on the execution's clock; false when aborted (the execution, or the frame's branch) or past the
    /// deadline first. With an <see cref="IdleTracker"/> the frame's unit of work is put down while it waits, so a
    /// clock that jumps when the engine is idle completes the wait at once when nothing else runs.
    /// </summary>
    public ValueTask<bool> DelayAsync(TimeSpan delay, Frame frame)
    {
        var remaining = Deadline - Time.GetUtcNow();
        var cut = delay >= remaining;
        if (cut)
            delay = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        if (delay <= TimeSpan.Zero)
            return new ValueTask<bool>(Elapsed(cut, frame));
        if (Tracker is { } tracker)
        {
            var slept = tracker.SleepAsync(Time, delay, frame.HoldsSpareUnit ? 2 : 1, frame.Cancellation, out var putDown);
            if (putDown)
                frame.HoldsSpareUnit = false;
            return slept.IsCompletedSuccessfully ? new ValueTask<bool>(slept.Result && Elapsed(cut, frame)) : AfterSleepAsync(slept, cut, frame);
        }

        return RealDelayAsync(delay, cut, frame);
    }

    /// <summary>Puts down the spare unit the machine's scope kept after a Task call (<see cref="Frame.HoldsSpareUnit"/>).</summary>
    public void PutDownSpareUnit(Frame frame)
    {
        frame.HoldsSpareUnit = false;
        Tracker!.Exit();
    }

    private async ValueTask<bool> AfterSleepAsync(ValueTask<bool> slept, bool cut, Frame frame) =>
        await slept.ConfigureAwait(false) && Elapsed(cut, frame);

    private async ValueTask<bool> RealDelayAsync(TimeSpan delay, bool cut, Frame frame)
    {
        try
        {
            await Task.Delay(delay, Time, frame.Cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return Elapsed(cut, frame);
    }

    private bool Elapsed(bool cut, Frame frame)
    {
        if (cut)
        {
            TimedOut = true;
            return false;
        }

        return !frame.Cancellation.IsCancellationRequested;
    }

    public static StatesError TimeoutError() => new(StatesErrors.Timeout, null);
}
