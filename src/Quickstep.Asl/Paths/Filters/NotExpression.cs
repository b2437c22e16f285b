using Quickstep.Json;

namespace Quickstep.Asl.Paths.Filters;

internal sealed class NotExpression(FilterExpression inner) : FilterExpression
{
    public override bool IsTrue(JValue current, JValue root) => !inner.IsTrue(current, root);
}
