namespace Quickstep.Engine.Plan;

/// <summary>Succeed: ends its scope successfully (a branch or iteration only ends itself).</summary>
internal sealed class CompiledSucceed : CompiledState
{
    private readonly bool _usesContext;

    public CompiledSucceed(SucceedState model, ExpressionTable expressions)
        : base(model, expressions) => _usesContext = ContextUse.Any(model.Output, model.InputPath, model.OutputPath);

    public override ValueTask<StateOutcome> ExecuteAsync(Execution x, Frame frame, JValue input, StateEntry entry)
    {
        var output = Produce(x, frame, input, entry);
        return new(output.Failed ? StateOutcome.DataFlowFail(output.Error) : StateOutcome.Continue(output.Value, null));
    }

    private Evaluated Produce(Execution x, Frame frame, JValue input, StateEntry entry)
    {
        var scope = x.Scope(input, _usesContext ? Context(x, entry) : JObject.Empty, frame);
        if (IsJsonata)
            return Output is null ? input : Output.Evaluate(scope);
        var effective = EffectiveInput(input, scope);
        if (effective.Failed)
            return effective;
        if (x.Inspector is { } test)
            test.Data.AfterInputPath = effective.Value;
        return ApplyOutputPath(effective.Value, scope);
    }
}
