using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics;

/// <summary>A path argument (<c>$.x</c>, <c>$$.x</c>, <c>$var.x</c>), compiled once.</summary>
internal sealed class PathArgument(JsonPath path) : IntrinsicArgument
{
    public JsonPath Path { get; } = path;

    public override string Text => Path.Text;

    public override Evaluated Evaluate(in EvaluationScope scope)
    {
        var value = Path.Select(scope, out var error);
        if (error is not null)
            return error;
        return value is not null ? value : Evaluated.Fail(StatesErrors.Runtime, IntrinsicErrors.PathNotFound(Path, scope));
    }
}
