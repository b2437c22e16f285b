namespace Quickstep.Engine.Plan;

/// <summary>
/// Assign: every value is evaluated against the variables as they were on state entry, then all
/// are assigned together (AWS developer guide, "Workflow variables").
/// </summary>
internal sealed class AssignStep
{
    private readonly string[] _names;
    private readonly PayloadTemplate[]? _paths;
    private readonly JsonataTemplate[]? _jsonata;

    private AssignStep(string[] names, PayloadTemplate[]? paths, JsonataTemplate[]? jsonata)
    {
        _names = names;
        _paths = paths;
        _jsonata = jsonata;
    }

    public static AssignStep? Compile(JValue? assign, QueryLanguage language, ExpressionTable expressions)
    {
        if (assign is not JObject obj || obj.Count == 0)
            return null;
        var names = new string[obj.Count];
        var i = 0;
        if (language == QueryLanguage.JSONata)
        {
            var values = new JsonataTemplate[obj.Count];
            foreach (var p in obj.AsSpan())
            {
                names[i] = p.Key;
                values[i++] = JsonataTemplate.Compile(p.Value, "Assign/" + p.Key, expressions);
            }

            return new AssignStep(names, null, values);
        }

        var templates = new PayloadTemplate[obj.Count];
        foreach (var p in obj.AsSpan())
        {
            var dynamic = p.Key.EndsWith(".$", StringComparison.Ordinal);
            names[i] = dynamic ? p.Key[..^2] : p.Key;
            templates[i++] = dynamic ? PayloadTemplate.CompileDynamic(p.Key, p.Value, expressions) : PayloadTemplate.Compile(p.Value, expressions);
        }

        return new AssignStep(names, templates, null);
    }

    /// <summary>Evaluates every value first (against entry values), then assigns them all; on a failure, assigns none.</summary>
    public StatesError? Apply(Frame frame, in EvaluationScope scope)
    {
        var values = new JValue[_names.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = _paths is not null ? _paths[i].Evaluate(scope) : _jsonata![i].Evaluate(scope);
            if (v.Failed)
                return v.Error;
            values[i] = v.Value;
        }

        for (var i = 0; i < values.Length; i++)
            frame.Set(_names[i], values[i]);
        return null;
    }

    /// <summary>The assigned values as the history's "assignedVariables" (name → JSON text).</summary>
    public JObject Describe(Frame frame)
    {
        var b = new JObjectBuilder(_names.Length);
        foreach (var name in _names)
        {
            if (frame.TryGet(name, out var v))
                b.Set(name, JValue.FromString(v.ToString()));
        }

        return b.Build();
    }
}
