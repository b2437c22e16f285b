using System.Text;
using Quickstep.Asl.Paths.Filters;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary><c>[?(expr)]</c>: the array items (or the object itself) for which the expression holds, as Jayway does.</summary>
internal sealed class FilterSegment(FilterExpression expression) : PathSegment
{
    private readonly FilterExpression _expression = expression;

    public bool Matches(JValue node, JValue root) => _expression.IsTrue(node, root);

    public override void Apply(JValue node, PathWalker walker, int next)
    {
        if (node is JArray a)
        {
            foreach (var item in a.AsSpan())
            {
                if (_expression.IsTrue(item, walker.Root))
                    walker.Walk(item, next);
            }
        }
        else if (node is JObject && _expression.IsTrue(node, walker.Root))
        {
            walker.Walk(node, next);
        }
    }

    public override void AppendNormalized(StringBuilder builder) => builder.Append("[?]");
}
