using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>
/// The outermost scope of one evaluation: <c>$</c>, then the caller's bindings (a dictionary or the
/// host's <see cref="IJsonataBindings"/>), then the function library.
/// </summary>
internal sealed partial class Evaluator : IRootResolver
{
    private IReadOnlyDictionary<string, JValue>? _bindings;
    private IJsonataBindings? _host;
    private JValue? _rootInput;

    public void SetRoot(JValue? input, IReadOnlyDictionary<string, JValue>? bindings)
    {
        _rootInput = input;
        _bindings = bindings;
    }

    public void SetRoot(JValue? input, IJsonataBindings host)
    {
        _rootInput = input;
        _host = host;
    }

    public JValue? Resolve(string name)
    {
        if (name == "$")
            return _rootInput;
        if (_bindings is not null && _bindings.TryGetValue(name, out var b))
            return b;
        if (_host is not null && _host.TryGetVariable(name, out var v))
            return v;
        return Builtins.Find(name);
    }

    /// <summary><c>$name.field</c> answered by the host without building <c>$name</c> (e.g. ASL's <c>$states.input</c>).</summary>
    private bool TryHostField(Node first, string field, Frame env, out JValue? value)
    {
        value = null;
        return _host is not null && first.Type == NodeType.Variable
            && _host.TryGetField(first.Value!, field, out value)
            && !env.IsBound(first.Value!);
    }
}
