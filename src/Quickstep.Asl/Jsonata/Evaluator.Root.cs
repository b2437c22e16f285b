using Quickstep.Asl.Compilation;
using Quickstep.Asl.Json;

namespace Quickstep.Asl.Jsonata;

/// <summary>
/// The outermost scope of one evaluation: <c>$$</c>, <c>$states</c> (built only if an expression needs it
/// whole), caller bindings or ASL variables, then the function library.
/// </summary>
internal sealed partial class Evaluator : IRootResolver
{
    private IReadOnlyDictionary<string, JValue>? _bindings;
    private IVariableScope? _variables;
    private JValue? _rootInput;
    private bool _hasStates;
    private EvaluationScope _scope;
    private JObject? _states;

    public void SetRoot(JValue? input, IReadOnlyDictionary<string, JValue>? bindings)
    {
        _rootInput = input;
        _bindings = bindings;
    }

    public void SetRoot(in EvaluationScope scope)
    {
        _scope = scope;
        _hasStates = true;
        _variables = scope.Variables;
    }

    public JValue? Resolve(string name)
    {
        if (name == "$")
            return _rootInput;
        if (_hasStates && name == "states")
            return _states ??= BuildStates();
        if (_bindings is not null && _bindings.TryGetValue(name, out var b))
            return b;
        if (_variables is not null && _variables.TryGet(name, out var v))
            return v;
        return Builtins.Find(name);
    }

    /// <summary><c>$states.field</c> without building the <c>$states</c> object (the common case in a state).</summary>
    private bool TryStatesField(Node first, string field, Frame env, out JValue? value)
    {
        value = null;
        if (!_hasStates || first.Type != NodeType.Variable || first.Value != "states" || env.IsBound("states"))
            return false;
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
