using Quickstep.Json;

namespace Quickstep.Asl.Paths.Filters;

/// <summary><c>[?(true)]</c> / <c>[?(false)]</c>.</summary>
internal sealed class ConstantExpression(bool value) : FilterExpression
{
    public override bool IsTrue(JValue current, JValue root) => value;
}
