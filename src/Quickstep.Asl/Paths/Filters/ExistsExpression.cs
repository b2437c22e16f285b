using Quickstep.Json;

namespace Quickstep.Asl.Paths.Filters;

/// <summary><c>[?(@.isbn)]</c>: true when the path names something (a null or false value counts as present, as in Jayway).</summary>
internal sealed class ExistsExpression(FilterOperand operand) : FilterExpression
{
    public override bool IsTrue(JValue current, JValue root) => operand.Resolve(current, root) is not null;
}
