using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>Resolves a name that no frame binds: caller bindings or the host's, then the function library.</summary>
internal interface IRootResolver
{
    JValue? Resolve(string name);
}
