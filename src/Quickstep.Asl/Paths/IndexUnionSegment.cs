using System.Globalization;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary><c>[0,2,-1]</c>: the items at each index in the order written; indexes out of range are skipped.</summary>
internal sealed class IndexUnionSegment(int[] indexes) : PathSegment
{
    private readonly int[] _indexes = indexes;

    public override void Apply(JValue node, PathWalker walker, int next)
    {
        if (node is not JArray a)
            return;
        foreach (var index in _indexes)
        {
            var i = index < 0 ? a.Count + index : index;
            if ((uint)i < (uint)a.Count)
                walker.Walk(a[i], next);
        }
    }

    public override void AppendNormalized(StringBuilder builder)
    {
        builder.Append('[');
        for (var i = 0; i < _indexes.Length; i++)
        {
            if (i > 0)
                builder.Append(',');
            builder.Append(_indexes[i].ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(']');
    }
}
