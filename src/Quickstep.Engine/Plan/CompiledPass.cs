namespace Quickstep.Engine.Plan;

/// <summary>Pass: Result or Parameters (JSONPath), Output (JSONata), then ResultPath/OutputPath and Assign.</summary>
internal sealed class CompiledPass : CompiledState
{
    private readonly JValue? _result;
    private readonly PayloadTemplate? _parameters;
    private readonly ResultStep? _resultPath;
    private readonly bool _usesContext;

    public CompiledPass(PassState model, ExpressionTable expressions)
        : base(model, expressions)
    {
        _result = model.Result;
        if (model.Parameters is not null && !IsJsonata)
            _parameters = PayloadTemplate.Compile(model.Parameters, expressions);
        _resultPath = IsJsonata ? null : ResultStep.Compile(model.ResultPath, expressions);
        _usesContext = ContextUse.Any(model.Parameters, model.Output, model.Assign, model.InputPath, model.OutputPath);
    }

    public override ValueTask<StateOutcome> ExecuteAsync(Execution x, Frame frame, JValue input, StateEntry entry)
    {
        var output = Produce(x, frame, input, entry);
        return new(output.Failed ? StateOutcome.DataFlowFail(output.Error) : StateOutcome.Continue(output.Value, Next));
    }

    /// <summary>The state's output or its data-flow error (a small return value keeps the hot frame small).</summary>
    private Evaluated Produce(Execution x, Frame frame, JValue input, StateEntry entry)
    {
        var context = _usesContext ? Context(x, entry) : JObject.Empty;
        var scope = x.Scope(input, context, frame);
        if (IsJsonata)
        {
            var output = Output is null ? input : Output.Evaluate(scope);
            if (output.Failed)
                return output;
            return Assign?.Apply(frame, scope) is { } assignFailed ? assignFailed : output;
        }

        var effective = EffectiveInput(input, scope);
        if (effective.Failed)
            return effective;
        var result = _result is not null ? _result : _parameters is null ? effective : _parameters.Evaluate(scope.WithInput(effective.Value));
        if (result.Failed)
            return result;
        var afterResultPath = ResultStep.Apply(_resultPath, input, result.Value);
        if (afterResultPath.Failed)
            return afterResultPath;
        if (x.Inspector is { } test)
            Inspect(test, effective.Value, result.Value, afterResultPath.Value);
        var path = ApplyOutputPath(afterResultPath.Value, scope);
        if (path.Failed)
            return path;
        return Assign?.Apply(frame, scope.WithInput(result.Value)) is { } failed ? failed : path;
    }

    /// <summary>TestState: a Pass with a Result reports it as the result; otherwise its InputPath and Parameters stages.</summary>
    private void Inspect(Testing.StateInspector test, JValue effective, JValue result, JValue afterResultPath)
    {
        if (_result is not null)
        {
            test.Data.Result = result;
        }
        else
        {
            test.Data.AfterInputPath = effective;
            test.Data.AfterParameters = result;
        }

        test.Data.AfterResultSelector = result;
        test.Data.AfterResultPath = afterResultPath;
    }
}
