using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Asl.Compilation;

/// <summary>JSONata inside a state: the expression sees <c>$states</c> and the workflow variables of the scope.</summary>
internal static class JsonataScopeExtensions
{
    /// <summary>
    /// Evaluates with no input document, <c>$states</c> bound from the scope (input, context, and
    /// result/errorOutput where set) and other <c>$name</c> looked up in the scope's variables.
    /// </summary>
    public static JValue? Evaluate(this JsonataExpression expression, in EvaluationScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return StatesBindings.Evaluate(expression, scope);
    }
}
