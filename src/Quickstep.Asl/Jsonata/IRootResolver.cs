using Quickstep.Asl.Json;

namespace Quickstep.Asl.Jsonata;

/// <summary>Resolves a name that no frame binds: caller bindings or ASL variables, then the function library.</summary>
internal interface IRootResolver
{
    JValue? Resolve(string name);
}
