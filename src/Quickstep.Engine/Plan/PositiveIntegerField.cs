using System.Globalization;
using Quickstep.Asl.Paths;

namespace Quickstep.Engine.Plan;

/// <summary>
/// A positive whole number given as a literal, a JSONata expression or a reference path (the field's …Path):
/// a Task's TimeoutSeconds and HeartbeatSeconds, an ItemBatcher's bounds. Only the wording of an invalid value
/// differs between them, as AWS words it. A struct held inline by its state, read without an indirection.
/// </summary>
internal readonly struct PositiveIntegerField
{
    private readonly string _field;
    private readonly JsonataTemplate? _expression;
    private readonly JsonPath? _path;
    private readonly bool _taskWording;

    /// <param name="taskWording">True for a Task's fields (recorded: test_invalid_jsonpath[…HEARTBEATSECONDSPATH]), false for the ItemBatcher's (worded as Map's).</param>
    public PositiveIntegerField(string field, JValue? value, string? path, bool taskWording, ExpressionTable expressions)
    {
        _field = field;
        _taskWording = taskWording;
        if (value is JNumber n)
            Literal = (int)Math.Min(n.Value, int.MaxValue);
        else if (value is JString s && JsonataTemplate.IsExpression(s.Value))
            _expression = JsonataTemplate.Compile(s, field, expressions);
        if (path is not null)
            _path = expressions.Path(path);
    }

    /// <summary>The literal value; null when the field is absent or evaluated per run.</summary>
    public int? Literal { get; }

    /// <summary>Nothing to evaluate per run: the value is <see cref="Literal"/>.</summary>
    public bool IsFixed => _expression is null && _path is null;

    /// <summary>The value (null when absent), or the error evaluating it.</summary>
    public StatesError? Evaluate(in EvaluationScope scope, out int? value)
    {
        value = Literal;
        if (Literal is not null)
            return null;
        if (_expression is not null)
        {
            var e = _expression.Evaluate(scope);
            if (e.Failed)
                return e.Error;
            if (e.Value is JNumber n && n.IsIntegral && n.Value > 0)
            {
                value = (int)Math.Min(n.Value, int.MaxValue);
                return null;
            }

            var quoted = _taskWording ? $" '{_expression.ExpressionText}'" : string.Empty;
            return new(StatesErrors.QueryEvaluationError, $"The JSONata expression{quoted} specified for the field '{_field}' returned an unexpected result type. Expected 'integer', but was '{e.Value.TypeName}' for value: {e.Value}");
        }

        if (_path is null)
            return null;
        // AWS resolves these before it uses them (a Task: before it schedules the call).
        var selected = _path.Select(scope);
        if (selected is null)
            return new(StatesErrors.Runtime, PathErrors.InvalidPath(_path, scope.Input));
        if (selected is JNumber m && m.IsIntegral && m.Value > 0)
        {
            value = (int)Math.Min(m.Value, int.MaxValue);
            return null;
        }

        if (_taskWording)
            return new(StatesErrors.Runtime, $"The {_field}Path parameter references an invalid value: {_path.Text} == {selected}");
        var text = selected is JString s ? s.Value : selected is JNumber num ? num.ToJsonText().ToString(CultureInfo.InvariantCulture) : selected.ToString();
        return new(StatesErrors.Runtime, $"The {_field}Path field refers to value \"{text}\" which is not a valid integer: {_path.Text}");
    }
}
