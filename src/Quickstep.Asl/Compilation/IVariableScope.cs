using System.Diagnostics.CodeAnalysis;
using Quickstep.Json;

namespace Quickstep.Asl.Compilation;

/// <summary>Read access to workflow variables ($name) as they were on state entry.</summary>
internal interface IVariableScope
{
    bool TryGet(string name, [NotNullWhen(true)] out JValue? value);
}
