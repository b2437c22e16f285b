using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Plan;

/// <summary>Which registered handler serves a resource: the first that says it can (a Task's, an ItemReader's, a ResultWriter's).</summary>
internal static class ResourceHandlers
{
    public static IResourceHandler? For(IReadOnlyList<IResourceHandler> handlers, string resource)
    {
        foreach (var h in handlers)
        {
            if (h.CanHandle(resource))
                return h;
        }

        return null;
    }
}
