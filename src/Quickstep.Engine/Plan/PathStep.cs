using Quickstep.Asl.Paths;

namespace Quickstep.Engine.Plan;

/// <summary>
/// InputPath / OutputPath: absent keeps the value, JSON null yields {}, a path selects from the
/// value ($), the context ($$) or a variable.
/// </summary>
internal sealed class PathStep
{
    private readonly JsonPath? _path;

    private PathStep(JsonPath? path) => _path = path;

    public static PathStep? Compile(JValue? field, ExpressionTable expressions)
    {
        return field switch
        {
            null => null,
            JString { Value: "$" } => null,
            JString s => new PathStep(expressions.Path(s.Value)),
            _ => new PathStep(null),
        };
    }

    public Evaluated Apply(JValue value, in EvaluationScope scope)
    {
        if (_path is null)
            return JObject.Empty;
        var selected = _path.Select(scope.WithInput(value), out var error);
        if (error is not null)
            return error;
        return selected is not null ? selected : Evaluated.Fail(StatesErrors.Runtime, PathErrors.InvalidPath(_path, _path.Root == PathRoot.Context ? scope.Context : value));
    }
}
