using System.Text;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary><c>.*</c> or <c>[*]</c>: every property value of an object, every item of an array.</summary>
internal sealed class WildcardSegment : PathSegment
{
    public static readonly WildcardSegment Instance = new();

    private WildcardSegment()
    {
    }

    public override void Apply(JValue node, PathWalker walker, int next)
    {
        if (node is JObject o)
        {
            foreach (var p in o.AsSpan())
                walker.Walk(p.Value, next);
        }
        else if (node is JArray a)
        {
            foreach (var item in a.AsSpan())
                walker.Walk(item, next);
        }
    }

    public override void AppendNormalized(StringBuilder builder) => builder.Append("[*]");
}
