using System.Text;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary><c>.name</c> or <c>['name']</c>.</summary>
internal sealed class NameSegment(string name) : PathSegment
{
    public string Name { get; } = name;

    public override bool IsDefinite => true;

    public override void Apply(JValue node, PathWalker walker, int next)
    {
        if (node is JObject o && o.TryGetValue(Name, out var child))
            walker.Walk(child, next);
    }

    public override void AppendNormalized(StringBuilder builder) => builder.Append("['").Append(Name).Append("']");
}
