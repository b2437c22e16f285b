namespace Quickstep.Engine.Plan;

/// <summary>Choice: the first matching rule picks the next state (with its own Assign/Output), else Default.</summary>
internal sealed class CompiledChoice : CompiledState
{
    private readonly Branch[] _branches;
    private readonly bool _usesContext;

    public CompiledChoice(ChoiceState model, ExpressionTable expressions)
        : base(model, expressions)
    {
        _branches = [.. model.Choices.Select(r => new Branch(r, ChoiceCondition.Compile(r, Language, expressions), Language, expressions))];
        DefaultName = model.Default;
        _usesContext = ContextUse.Any(model.Output, model.Assign, model.InputPath, model.OutputPath)
            || model.Choices.Any(UsesContext);
    }

    public string? DefaultName { get; }

    public CompiledState? Default { get; set; }

    public IEnumerable<(string Name, Action<CompiledState> Link)> Targets =>
        _branches.Select(b => (b.NextName, (Action<CompiledState>)(s => b.Next = s)));

    /// <summary>No rule matched and there is no Default: the state's own error, not a data-flow one.</summary>
    private static readonly StatesError NoMatch = new(StatesErrors.NoChoiceMatched, "No Matches!");

    public override ValueTask<StateOutcome> ExecuteAsync(Execution x, Frame frame, JValue input, StateEntry entry)
    {
        var output = Choose(x, frame, input, entry, out var next);
        if (!output.Failed)
            return new(StateOutcome.Continue(output.Value, next));
        return new(ReferenceEquals(output.Error, NoMatch) ? StateOutcome.Fail(NoMatch) : StateOutcome.DataFlowFail(output.Error));
    }

    /// <summary>The output and the next state of the first matching rule (or Default); small return values keep the hot frame small.</summary>
    private Evaluated Choose(Execution x, Frame frame, JValue input, StateEntry entry, out CompiledState? next)
    {
        next = null;
        var scope = x.Scope(input, _usesContext ? Context(x, entry) : JObject.Empty, frame);
        var evaluated = IsJsonata ? input : EffectiveInput(input, scope);
        if (evaluated.Failed)
            return evaluated;
        var effective = evaluated.Value;
        if (!IsJsonata && x.Inspector is { } test)
            test.Data.AfterInputPath = effective;
        var ruleScope = scope.WithInput(effective);
        StatesError? ruleFailed = null;
        foreach (var b in _branches)
        {
            if (b.Condition.Evaluate(ruleScope, ref ruleFailed))
            {
                next = b.Next;
                return Finish(effective, ruleScope, frame, b.Output ?? Output, b.Assign);
            }

            if (ruleFailed is not null)
                return ruleFailed;
        }

        if (Default is null)
            return NoMatch;
        next = Default;
        return Finish(effective, ruleScope, frame, Output, Assign);
    }

    private Evaluated Finish(JValue effective, in EvaluationScope scope, Frame frame, JsonataTemplate? output, AssignStep? assign)
    {
        var result = IsJsonata ? (output is null ? effective : output.Evaluate(scope)) : ApplyOutputPath(effective, scope);
        if (result.Failed)
            return result;
        return assign?.Apply(frame, scope) is { } assignFailed ? assignFailed : result;
    }

    private static bool UsesContext(ChoiceRule r) =>
        ContextUse.Text(r.Variable) || ContextUse.Any(r.Operand, r.Condition, r.Assign, r.Output)
        || (r.And?.Any(UsesContext) ?? false) || (r.Or?.Any(UsesContext) ?? false) || (r.Not is not null && UsesContext(r.Not));

    private sealed class Branch(ChoiceRule rule, ChoiceCondition condition, QueryLanguage language, ExpressionTable expressions)
    {
        public ChoiceCondition Condition { get; } = condition;

        public string NextName { get; } = rule.Next ?? "";

        public CompiledState? Next { get; set; }

        public AssignStep? Assign { get; } = AssignStep.Compile(rule.Assign, language, expressions);

        public JsonataTemplate? Output { get; } = language == QueryLanguage.JSONata && rule.Output is not null ? JsonataTemplate.Compile(rule.Output, "Output", expressions) : null;
    }
}
