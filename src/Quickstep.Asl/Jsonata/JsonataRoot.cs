using Quickstep.Asl.Compilation;
using Quickstep.Asl.Json;

namespace Quickstep.Asl.Jsonata;

/// <summary>The outermost scope of one evaluation: caller bindings, then ASL variables, then the library.</summary>
internal sealed class JsonataRoot : IRootResolver
{
    private readonly IReadOnlyDictionary<string, JValue>? _bindings;
    private readonly IVariableScope? _variables;

    public JsonataRoot(IReadOnlyDictionary<string, JValue>? bindings, IVariableScope? variables)
    {
        _bindings = bindings;
        _variables = variables;
    }

    public JValue? Resolve(string name)
    {
        if (_bindings is not null && _bindings.TryGetValue(name, out var b))
            return b;
        if (_variables is not null && _variables.TryGet(name, out var v))
            return v;
        return Builtins.Find(name);
    }
}
