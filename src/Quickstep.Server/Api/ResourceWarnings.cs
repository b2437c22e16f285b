using Quickstep.Asl.Model;
using Quickstep.Engine.Ports;

namespace Quickstep.Server.Api;

/// <summary>
/// ValidateStateMachineDefinition's WARNING diagnostics: a Task whose resource no integration of this server serves
/// (no local service, no forwarding endpoint, no function) would fail with States.Runtime when it runs.
/// </summary>
internal static class ResourceWarnings
{
    public const string Code = "UNSUPPORTED_RESOURCE";

    public static IEnumerable<(string Pointer, string Message)> Find(StateMachineDefinition definition, IReadOnlyList<IResourceHandler> handlers)
    {
        foreach (var state in definition.States)
        {
            switch (state)
            {
                case TaskState task when !handlers.Any(h => h.CanHandle(task.Resource)):
                    yield return (task.Pointer + "/Resource",
                        $"No integration of this Quickstep server serves the resource '{task.Resource}': the Task will fail with States.Runtime. Configure a forwarding endpoint for its service (services.<name>.endpoint) or a function for it.");
                    break;
                case MapState map:
                    foreach (var w in Find(map.ItemProcessor, handlers))
                        yield return w;
                    break;
                case ParallelState parallel:
                    foreach (var w in parallel.Branches.SelectMany(b => Find(b, handlers)))
                        yield return w;
                    break;
            }
        }
    }
}
