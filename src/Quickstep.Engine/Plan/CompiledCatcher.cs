namespace Quickstep.Engine.Plan;

/// <summary>A Catcher: which errors, where to go, and how the Error Output enters the data flow.</summary>
internal sealed class CompiledCatcher
{
    private readonly ResultStep? _resultPath;
    private readonly JsonataTemplate? _output;
    private readonly AssignStep? _assign;
    private readonly bool _jsonata;

    public CompiledCatcher(Catcher model, QueryLanguage language, ExpressionTable expressions)
    {
        ErrorEquals = [.. model.ErrorEquals];
        NextName = model.Next;
        _jsonata = language == QueryLanguage.JSONata;
        if (_jsonata)
        {
            if (model.Output is not null)
                _output = JsonataTemplate.Compile(model.Output, "Output", expressions);
        }
        else
        {
            _resultPath = ResultStep.Compile(model.ResultPath, expressions);
        }

        _assign = AssignStep.Compile(model.Assign, language, expressions);
        UsesContext = ContextUse.Any(model.Output, model.Assign);
    }

    /// <summary>Whether Output or Assign can read the context object; it is built only then.</summary>
    public bool UsesContext { get; }

    public string[] ErrorEquals { get; }

    public string NextName { get; }

    public CompiledState? Next { get; set; }

    public AssignStep? Assign => _assign;

    /// <summary>The Error Output AWS passes to a catcher: {"Error": name, "Cause": text}.</summary>
    public static JObject ErrorOutput(StatesError error)
    {
        var b = new JObjectBuilder(2).AddUnique("Error", JValue.FromString(error.Error));
        if (error.Cause is not null)
            b.AddUnique("Cause", JValue.FromString(error.Cause));
        return b.Build();
    }

    /// <summary>The state's output after the catch: the raw input with the Error Output placed by ResultPath, or JSONata Output.</summary>
    public Evaluated Apply(Execution x, Frame frame, JValue rawInput, StatesError error, JValue context)
    {
        var errorOutput = ErrorOutput(error);
        var scope = x.Scope(_jsonata ? rawInput : errorOutput, context, frame).WithErrorOutput(errorOutput);
        var output = _jsonata
            ? (_output is null ? errorOutput : _output.Evaluate(scope))
            : ResultStep.Apply(_resultPath, rawInput, errorOutput);
        if (output.Failed)
            return output;
        return _assign?.Apply(frame, scope) is { } failed ? failed : output;
    }
}
