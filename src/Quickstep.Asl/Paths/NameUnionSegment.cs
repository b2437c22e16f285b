using System.Text;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary>
/// <c>['a','b']</c>. As in Jayway: as the last step it yields one object holding the properties found
/// (a "merge", which keeps the path definite); before other steps it visits each property present.
/// </summary>
internal sealed class NameUnionSegment(string[] names, bool isLeaf) : PathSegment
{
    private readonly string[] _names = names;

    public override bool IsDefinite => isLeaf;

    public NameUnionSegment AsLeaf() => new(_names, isLeaf: true);

    public override void Apply(JValue node, PathWalker walker, int next)
    {
        if (node is not JObject o)
            return;
        if (isLeaf)
        {
            var builder = new JObjectBuilder(_names.Length);
            foreach (var name in _names)
            {
                if (o.TryGetValue(name, out var v))
                    builder.Set(name, v);
            }

            walker.Walk(builder.Build(), next);
            return;
        }

        foreach (var name in _names)
        {
            if (o.TryGetValue(name, out var v))
                walker.Walk(v, next);
        }
    }

    public override void AppendNormalized(StringBuilder builder)
    {
        builder.Append('[');
        for (var i = 0; i < _names.Length; i++)
        {
            if (i > 0)
                builder.Append(',');
            builder.Append('\'').Append(_names[i]).Append('\'');
        }

        builder.Append(']');
    }
}
