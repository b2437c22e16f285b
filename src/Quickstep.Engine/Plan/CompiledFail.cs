using Quickstep.Asl.Intrinsics;
using Quickstep.Asl.Paths;

namespace Quickstep.Engine.Plan;

/// <summary>Fail: ends the execution (or branch) with Error and Cause, from literals, paths, intrinsics or JSONata.</summary>
internal sealed class CompiledFail : CompiledState
{
    private readonly Field _error;
    private readonly Field _cause;
    private readonly bool _usesContext;

    public CompiledFail(FailState model, ExpressionTable expressions)
        : base(model, expressions)
    {
        _error = Field.Compile("Error", model.Error, "ErrorPath", model.ErrorPath, IsJsonata, expressions);
        _cause = Field.Compile("Cause", model.Cause, "CausePath", model.CausePath, IsJsonata, expressions);
        _usesContext = ContextUse.Any(model.Error, model.Cause) || ContextUse.Text(model.ErrorPath) || ContextUse.Text(model.CausePath);
    }

    public override bool EmitsExited => false;

    public override ValueTask<StateOutcome> ExecuteAsync(Execution x, Frame frame, JValue input, StateEntry entry)
    {
        var scope = x.Scope(input, _usesContext ? Context(x, entry) : JObject.Empty, frame);
        if (_error.Evaluate(scope, out var error) is { } errorFailed)
            return Failed(errorFailed);
        if (_cause.Evaluate(scope, out var cause) is { } causeFailed)
            return Failed(causeFailed);
        return ValueTask.FromResult(StateOutcome.Fail(new StatesError(error ?? string.Empty, cause) { IsFailState = true }));
    }

    private sealed class Field
    {
        private string? _literal;
        private string _pathField = "";
        private JsonPath? _path;
        private IntrinsicExpression? _intrinsic;
        private JsonataTemplate? _jsonata;
        private string _name = "";

        public static Field Compile(string name, JValue? value, string pathName, string? path, bool jsonata, ExpressionTable expressions)
        {
            var f = new Field { _name = name, _pathField = pathName };
            if (value is JString s)
            {
                if (jsonata && JsonataTemplate.IsExpression(s.Value))
                    f._jsonata = JsonataTemplate.Compile(s, name, expressions);
                else
                    f._literal = s.Value;
            }
            else if (path is not null)
            {
                if (IntrinsicFunction.IsIntrinsic(path))
                    f._intrinsic = expressions.Intrinsic(path);
                else
                    f._path = expressions.Path(path);
            }

            return f;
        }

        /// <summary>The field's text (null when absent), or the error evaluating it.</summary>
        public StatesError? Evaluate(in EvaluationScope scope, out string? text)
        {
            text = _literal;
            if (_jsonata is not null)
            {
                var e = _jsonata.Evaluate(scope);
                if (e.Failed)
                    return e.Error;
                if (e.Value is not JString js)
                    return new(StatesErrors.QueryEvaluationError, $"The JSONata expression specified for the field '{_name}' returned an unexpected result type. Expected 'string', but was '{e.Value.TypeName}' for value: {e.Value}");
                text = js.Value;
            }
            else if (_intrinsic is not null)
            {
                var e = _intrinsic.Evaluate(scope);
                if (e.Failed)
                    return e.Error;
                text = Text(e.Value);
            }
            else if (_path is not null)
            {
                var v = _path.Select(scope);
                if (v is null)
                    return new(StatesErrors.Runtime, $"The JSONPath '{_path.Text}' specified for the field '{_pathField}' could not be found in the input '{scope.Input}'");
                text = Text(v);
            }

            return null;
        }

        private static string Text(JValue v) => v is JString s ? s.Value : v.ToString();
    }
}
