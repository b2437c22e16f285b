using Quickstep.Asl.Paths;

namespace Quickstep.Engine.Plan;

/// <summary>ResultPath: absent or "$" keeps the result, JSON null keeps the input, a path merges the result into the input.</summary>
internal sealed class ResultStep
{
    private readonly JsonPath? _path;
    private readonly bool _discard;

    private ResultStep(JsonPath? path, bool discard)
    {
        _path = path;
        _discard = discard;
    }

    public static ResultStep? Compile(JValue? field, ExpressionTable expressions) => field switch
    {
        null => null,
        JString { Value: "$" } => null,
        JString s => new ResultStep(expressions.Path(s.Value), false),
        _ => new ResultStep(null, true),
    };

    public static Evaluated Apply(ResultStep? step, JValue input, JValue result) => step is null ? result : step.Apply(input, result);

    private Evaluated Apply(JValue input, JValue result)
    {
        if (_discard)
            return input;
        if (_path!.TryAssign(input, result, out var merged))
            return merged;
        return Evaluated.Fail(StatesErrors.ResultPathMatchFailure, $"Unable to apply ResultPath \"{_path.Text}\" to input \"{input}\"");
    }
}
