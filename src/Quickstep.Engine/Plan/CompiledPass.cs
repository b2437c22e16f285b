using Quickstep.Asl.Compilation;
using Quickstep.Asl.Model;
using Quickstep.Engine.Runtime;
using Quickstep.Json;

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
        var context = _usesContext ? Context(x, entry) : JObject.Empty;
        var scope = x.Scope(input, context, frame);
        JValue output;
        if (IsJsonata)
        {
            output = Output is null ? input : Output.Evaluate(scope);
            Assign?.Apply(frame, scope);
        }
        else
        {
            var effective = EffectiveInput(input, scope);
            var result = _result ?? (_parameters is null ? effective : _parameters.Evaluate(scope.WithInput(effective)));
            var afterResultPath = ResultStep.Apply(_resultPath, input, result);
            if (x.Inspector is { } test)
                Inspect(test, effective, result, afterResultPath);
            output = ApplyOutputPath(afterResultPath, scope);
            Assign?.Apply(frame, scope.WithInput(result));
        }

        return ValueTask.FromResult(StateOutcome.Continue(output, Next));
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
