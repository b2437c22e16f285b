using Quickstep.Json;

namespace Quickstep.Asl.Paths.Filters;

internal sealed class AndExpression(FilterExpression left, FilterExpression right) : FilterExpression
{
    public override bool IsTrue(JValue current, JValue root) => left.IsTrue(current, root) && right.IsTrue(current, root);
}
