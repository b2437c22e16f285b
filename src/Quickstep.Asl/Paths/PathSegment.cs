using System.Text;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary>One compiled step of a path; it hands every node it matches to the walker's next step.</summary>
internal abstract class PathSegment
{
    /// <summary>True for Jayway "definite" tokens: a single name or a single index (and a leaf name union).</summary>
    public virtual bool IsDefinite => false;

    public abstract void Apply(JValue node, PathWalker walker, int next);

    /// <summary>Appends this step in Jayway's normalized bracket form (e.g. <c>['a']</c>, <c>[0]</c>, <c>[*]</c>).</summary>
    public abstract void AppendNormalized(StringBuilder builder);
}
