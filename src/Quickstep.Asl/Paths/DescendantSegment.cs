using System.Text;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary>
/// <c>..x</c>: applies the inner step to the node and then to every descendant, pre-order (Jayway's scan order).
/// A filter inner step tests each object itself, so an object inside an array is matched once.
/// </summary>
internal sealed class DescendantSegment(PathSegment inner) : PathSegment
{
    private readonly PathSegment _inner = inner;

    public override void Apply(JValue node, PathWalker walker, int next)
    {
        if (_inner is FilterSegment filter)
        {
            if (node is JObject && filter.Matches(node, walker.Root))
                walker.Walk(node, next);
        }
        else
        {
            _inner.Apply(node, walker, next);
        }

        if (node is JObject o)
        {
            foreach (var p in o.AsSpan())
            {
                if (p.Value is JObject or JArray)
                    Apply(p.Value, walker, next);
            }
        }
        else if (node is JArray a)
        {
            foreach (var item in a.AsSpan())
            {
                if (item is JObject or JArray)
                    Apply(item, walker, next);
            }
        }
    }

    public override void AppendNormalized(StringBuilder builder)
    {
        builder.Append("..");
        _inner.AppendNormalized(builder);
    }
}
