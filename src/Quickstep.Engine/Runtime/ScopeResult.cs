using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Engine.Runtime;

/// <summary>The end of a scope (the machine, a branch, an iteration): its output, or an error.</summary>
internal readonly record struct ScopeResult(JValue? Output, StatesError? Error)
{
    public static ScopeResult Success(JValue output) => new(output, null);

    public static ScopeResult Failure(StatesError error) => new(null, error);
}
