using System.Globalization;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary><c>[3]</c> or <c>[-1]</c> (counted from the end, as Jayway does).</summary>
internal sealed class IndexSegment(int index) : PathSegment
{
    public int Index { get; } = index;

    public override bool IsDefinite => true;

    public override void Apply(JValue node, PathWalker walker, int next)
    {
        if (node is not JArray a)
            return;
        var i = Index < 0 ? a.Count + Index : Index;
        if ((uint)i < (uint)a.Count)
            walker.Walk(a[i], next);
    }

    public override void AppendNormalized(StringBuilder builder) =>
        builder.Append('[').Append(Index.ToString(CultureInfo.InvariantCulture)).Append(']');
}
