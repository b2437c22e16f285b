using Quickstep.Json;

namespace Quickstep.Asl.Paths.Filters;

internal sealed class LiteralOperand(JValue value) : FilterOperand
{
    public JValue Value { get; } = value;

    public override JValue? Resolve(JValue current, JValue root) => Value;
}
