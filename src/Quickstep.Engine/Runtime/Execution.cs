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
internal sealed class Execution
{
    private readonly List<HistoryEvent>? _history;
    private readonly IHistorySink? _sink;
    private readonly bool _synchronous;
    private long _eventId;
    private long _transitions;
    private readonly CancellationToken _stop;
    private JObject? _executionContext;

    public Execution(StateMachine machine, string name, string arn, JValue input, ExecutionOptions options, CancellationToken abort, CancellationToken stop = default)
    {
        _stop = stop;
        Machine = machine;
        Engine = machine.Engine;
        Name = name;
        Arn = arn;
        Input = input;
        TestCase = options.TestCase;
        RoleArn = options.RoleArn ?? machine.RoleArn;
        Time = Engine.Options.TimeProvider;
        VirtualClock = Time as VirtualTimeProvider;
        Services = Engine.EvaluationServices;
        StartTime = Time.GetUtcNow();
        Abort = abort;
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

    public VirtualTimeProvider? VirtualClock { get; }

    public IEvaluationServices Services { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>The Express cap or the machine's TimeoutSeconds, whichever comes first.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>Cancelled by StopExecution or by the deadline timer (real clock).</summary>
    public CancellationToken Abort { get; }

    /// <summary>True once the caller stopped the execution (StopExecution), as opposed to a timeout.</summary>
    public bool StopRequested => _stop.IsCancellationRequested;

    /// <summary>The context object's "Execution" member, built on first use (most executions never read $$).</summary>
    public JObject ExecutionContext => _executionContext ??= BuildExecutionContext();

    public bool Recording { get; }

    /// <summary>Set only when TestState runs a state (null in every execution): it records the data flow and answers mocks.</summary>
    public Testing.StateInspector? Inspector { get; init; }

    public long Transitions => Interlocked.Read(ref _transitions);

    public IReadOnlyList<HistoryEvent>? History => _history;

    /// <summary>Set when the deadline passed: the execution ends TIMED_OUT.</summary>
    public bool TimedOut { get; set; }

    public void CountTransition() => Interlocked.Increment(ref _transitions);

    public bool PastDeadline() => Time.GetUtcNow() >= Deadline;

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
    /// Waits on the execution's clock; false when aborted or past the deadline first. Completes
    /// synchronously on the virtual clock and for a zero delay.
    /// </summary>
    public ValueTask<bool> DelayAsync(TimeSpan delay)
    {
        var remaining = Deadline - Time.GetUtcNow();
        var cut = delay >= remaining;
        if (cut)
            delay = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        if (VirtualClock is not null || delay <= TimeSpan.Zero)
        {
            VirtualClock?.Advance(delay);
            return new ValueTask<bool>(Elapsed(cut));
        }

        return RealDelayAsync(delay, cut);
    }

    private async ValueTask<bool> RealDelayAsync(TimeSpan delay, bool cut)
    {
        try
        {
            await Task.Delay(delay, Time, Abort).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return Elapsed(cut);
    }

    private bool Elapsed(bool cut)
    {
        if (cut)
        {
            TimedOut = true;
            return false;
        }

        return !Abort.IsCancellationRequested;
    }

    public StatesError TimeoutError() => new(StatesErrors.Timeout, null);
}
