using Quickstep.Json;

namespace Quickstep.Asl.Paths.Filters;

/// <summary>One side of a comparison: a literal or a path; null from <see cref="Resolve"/> means "undefined".</summary>
internal abstract class FilterOperand
{
    public abstract JValue? Resolve(JValue current, JValue root);
}
