using Quickstep.Json;

namespace Quickstep.Asl.Paths.Filters;

/// <summary><c>@.a.b</c> (from the current node) or <c>$.a</c> (from the document) inside a filter.</summary>
internal sealed class PathOperand(JsonPath path, bool fromRoot) : FilterOperand
{
    public override JValue? Resolve(JValue current, JValue root) => path.SelectFrom(fromRoot ? root : current, root);
}
