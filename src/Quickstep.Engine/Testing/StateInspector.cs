using Quickstep.Engine.Plan;

namespace Quickstep.Engine.Testing;

/// <summary>
/// The TestState side of one test run, reached from the states through <see cref="Execution.Inspector"/>
/// (null in every real execution): records the data flow stage by stage, answers mocked Map and
/// Parallel states, and turns a matching Retrier into RETRIABLE instead of waiting and retrying.
/// </summary>
internal sealed class StateInspector(StateTestRequest request, JValue? itemReaderData) : Ports.IHttpExchangeRecorder
{
    public StateInspection Data { get; } = new();

    public ErrorDetails Details { get; } = new();

    public StateTestMock? Mock => request.Mock;

    /// <summary>The items a mocked ItemReader read (stateConfiguration.mapItemReaderData), when the tested Map has an ItemReader.</summary>
    public JValue? ItemReaderData { get; } = itemReaderData;

    public bool Retriable { get; private set; }

    /// <summary>At TRACE, this inspector: the HTTP Task reports its request and response to it.</summary>
    public Ports.IHttpExchangeRecorder? HttpRecorder => request.InspectionLevel == InspectionLevel.Trace ? this : null;

    bool Ports.IHttpExchangeRecorder.RevealSecrets => request.RevealSecrets;

    void Ports.IHttpExchangeRecorder.Record(Ports.HttpExchange exchange) => Data.Http = exchange;

    /// <summary>The error a Catcher handled (the outcome then only carries the Catcher's output).</summary>
    public StatesError? Caught { get; private set; }

    /// <summary>The context object: the one given, else an execution's (State.RetryCount always present, as TestState reports it).</summary>
    public JObject Context(Execution x, string stateName, DateTimeOffset entered)
    {
        if (request.Context is { } given)
            return given;
        var state = new JObjectBuilder(3)
            .AddUnique("Name", JValue.FromString(stateName))
            .AddUnique("EnteredTime", JValue.FromString(AslTimestamp.Format(entered)))
            .AddUnique("RetryCount", JValue.FromNumber(request.Configuration?.RetrierRetryCount ?? 0));
        return new JObjectBuilder(3)
            .AddUnique("Execution", x.ExecutionContext)
            .AddUnique("StateMachine", x.Machine.ContextObject)
            .AddUnique("State", state.Build())
            .Build();
    }

    /// <summary>A Retrier matched: true (RETRIABLE, with its backoff) unless stateConfiguration.retrierRetryCount says it is exhausted.</summary>
    public bool Retry(int index, CompiledRetrier retrier)
    {
        var done = request.Configuration?.RetrierRetryCount ?? 0;
        Details.RetryIndex = index;
        if (done >= retrier.MaxAttempts)
            return false;
        Details.RetryBackoffIntervalSeconds = (int)Math.Min(retrier.Delay(done + 1, 1.0).TotalSeconds, int.MaxValue);
        Retriable = true;
        return true;
    }

    public void Catch(int index, StatesError error)
    {
        Details.CatchIndex = index;
        Caught = error;
    }

    /// <summary>A mocked Map's outcome: the mocked error, or the mocked result unless the configured iteration failures exceed the tolerance.</summary>
    public StatesError? MapFailure(int itemCount, int? toleratedCount, double? toleratedPercentage)
    {
        if (Mock?.Error is { } error)
            return error;
        var failures = request.Configuration?.MapIterationFailureCount ?? 0;
        if ((toleratedCount is int c && failures > c) || (toleratedPercentage is double p && itemCount > 0 && failures * 100.0 / itemCount > p))
            return new StatesError(StatesErrors.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
        return null;
    }

    /// <summary>The variables in scope after the state ran, when there are any.</summary>
    public void RecordVariables(Frame frame)
    {
        var variables = frame.Variables();
        if (variables.Count > 0)
            Data.Variables = JObject.Create(variables);
    }
}
