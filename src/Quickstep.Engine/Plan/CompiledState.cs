using Quickstep.Engine.History;

namespace Quickstep.Engine.Plan;

/// <summary>
/// One executable state. Subclasses implement the state type; this base holds what every type
/// shares: name, transition, query language, InputPath/OutputPath, Output and Assign.
/// </summary>
internal abstract class CompiledState
{
    protected CompiledState(State model, ExpressionTable expressions)
    {
        Name = model.Name;
        NameValue = JString.Create(model.Name);
        EnteredDetails = new StateEnteredDetails(NameValue);
        ExitedDetails = new StateExitedDetails(NameValue);
        NextName = model.Next;
        Language = model.QueryLanguage;
        if (Language == QueryLanguage.JSONPath)
        {
            InputPath = PathStep.Compile(model.InputPath, expressions);
            OutputPath = PathStep.Compile(model.OutputPath, expressions);
        }
        else if (model.Output is not null)
        {
            Output = JsonataTemplate.Compile(model.Output, "Output", expressions);
        }

        Assign = AssignStep.Compile(model.Assign, Language, expressions);
        var type = model.Type.ToString();
        EnteredEventType = type + "StateEntered";
        ExitedEventType = type + "StateExited";
    }

    public string Name { get; }

    /// <summary>The name as a JSON string, made once for the history events.</summary>
    public JString NameValue { get; }

    /// <summary>The shape of this state's StateEntered details, shared by all its events.</summary>
    public StateEnteredDetails EnteredDetails { get; }

    /// <summary>The shape of this state's StateExited details when it assigns no variables.</summary>
    public StateExitedDetails ExitedDetails { get; }

    public string? NextName { get; }

    /// <summary>The next state, linked after every state of the scope is compiled; null at an end.</summary>
    public CompiledState? Next { get; set; }

    public QueryLanguage Language { get; }

    public bool IsJsonata => Language == QueryLanguage.JSONata;

    public string EnteredEventType { get; }

    public string ExitedEventType { get; }

    /// <summary>
    /// Where a JSONata failure's EvaluationFailed event chains: to the event before StateEntered
    /// (input and output processing: every recorded Pass, Task and Map case), or, when true, to
    /// StateEntered itself (Wait evaluates its time while it runs: recorded wait_timestamp_jsonata).
    /// </summary>
    public virtual bool EvaluatesWhileRunning => false;

    /// <summary>False for Fail, which ends with an error and no StateExited event.</summary>
    public virtual bool EmitsExited => true;

    protected PathStep? InputPath { get; }

    protected PathStep? OutputPath { get; }

    protected JsonataTemplate? Output { get; }

    public AssignStep? Assign { get; }

    public abstract ValueTask<StateOutcome> ExecuteAsync(Execution x, Frame frame, JValue input, StateEntry entry);

    /// <summary>The cause prefix AWS puts on errors raised by the state's own data flow.</summary>
    public string CausePrefix(StateEntry entry) =>
        $"An error occurred while executing the state '{Name}' (entered at the event id #{entry.EventId}). ";

    public StatesError Prefixed(StatesError error, StateEntry entry) =>
        error.Error == StatesErrors.DataLimitExceeded ? (error.Cause is null ? DataLimit(Name) : error) : error with { Cause = CausePrefix(entry) + error.Cause };

    protected JObject Context(Execution x, StateEntry entry, int? retryCount = null) => x.Context(Name, entry.Time, retryCount);

    /// <summary>JSONPath: InputPath applied to the raw input.</summary>
    protected Evaluated EffectiveInput(JValue input, in EvaluationScope scope) =>
        InputPath is null ? input : InputPath.Apply(input, scope);

    protected Evaluated ApplyOutputPath(JValue value, in EvaluationScope scope) =>
        OutputPath is null ? value : OutputPath.Apply(value, scope);

    /// <summary>AWS's States.DataLimitExceeded for a state or resource.</summary>
    public static StatesError DataLimit(string stateOrResource) =>
        new(StatesErrors.DataLimitExceeded, $"The state/task '{stateOrResource}' returned a result with a size exceeding the maximum number of bytes service limit.");

    /// <summary>States.DataLimitExceeded when a payload is over the limit, else null.</summary>
    protected static StatesError? CheckSize(Execution x, JValue value, string stateOrResource) =>
        JsonText.Utf8Size(value) <= x.Engine.Options.MaxPayloadBytes ? null : DataLimit(stateOrResource);

    /// <summary>A state's data-flow failure as its outcome.</summary>
    protected static ValueTask<StateOutcome> Failed(StatesError error) => new(StateOutcome.DataFlowFail(error));
}
