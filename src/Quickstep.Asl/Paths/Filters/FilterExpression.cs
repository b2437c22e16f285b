using Quickstep.Json;

namespace Quickstep.Asl.Paths.Filters;

/// <summary>A compiled filter predicate (<c>[?(...)]</c>); <c>@</c> is the current node, <c>$</c> the document.</summary>
internal abstract class FilterExpression
{
    public abstract bool IsTrue(JValue current, JValue root);
}
