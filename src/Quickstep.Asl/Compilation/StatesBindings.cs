using System.Diagnostics.CodeAnalysis;
using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Asl.Compilation;

/// <summary>
/// What a JSONata expression in a state sees: <c>$states</c> = {input, context, result?, errorOutput?}
/// (built whole only when an expression needs it), then the workflow variables. One instance per thread
/// is reused, so an evaluation allocates nothing for its bindings.
/// </summary>
internal sealed class StatesBindings : IJsonataBindings
{
    [ThreadStatic]
    private static StatesBindings? t_free;

    private EvaluationScope _scope;
    private JObject? _states;

    /// <summary>Evaluates <paramref name="expression"/> with no input document and <c>$states</c> bound from the scope.</summary>
    public static JValue? Evaluate(JsonataExpression expression, in EvaluationScope scope)
    {
        // Taken off the thread while in use, so a nested evaluation could not share it; an evaluation that throws drops it.
        var bindings = t_free ?? new StatesBindings();
        t_free = null;
        bindings._scope = scope;
        var result = expression.Evaluate(null, bindings, scope.Services);
        bindings._scope = default;
        bindings._states = null;
        t_free = bindings;
        return result;
    }

    public bool TryGetVariable(string name, [NotNullWhen(true)] out JValue? value)
    {
        if (name == "states")
        {
            value = _states ??= BuildStates();
            return true;
        }

        value = null;
        return _scope.Variables is { } variables && variables.TryGet(name, out value);
    }

    public bool TryGetField(string name, string field, out JValue? value)
    {
        if (name != "states")
        {
            value = null;
            return false;
        }

        value = field switch
        {
            "input" => _scope.Input,
            "context" => _scope.Context,
            "result" => _scope.Result,
            "errorOutput" => _scope.ErrorOutput,
            _ => null,
        };
        return true;
    }

    private JObject BuildStates()
    {
        var states = new JObjectBuilder(4);
        states.AddUnique("input", _scope.Input);
        states.AddUnique("context", _scope.Context);
        if (_scope.Result is not null)
            states.AddUnique("result", _scope.Result);
        if (_scope.ErrorOutput is not null)
            states.AddUnique("errorOutput", _scope.ErrorOutput);
        return states.Build();
    }
}
