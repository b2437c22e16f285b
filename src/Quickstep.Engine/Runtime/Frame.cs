using System.Diagnostics.CodeAnalysis;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Json;

namespace Quickstep.Engine.Runtime;

/// <summary>
/// One variable scope (the machine, a Parallel branch, a Map iteration): its own variables,
/// read access to the enclosing scopes', and the event the scope's history chains from.
/// </summary>
internal sealed class Frame : IVariableScope
{
    private Dictionary<string, JValue>? _variables;

    public Frame(Frame? parent, long previousEventId)
    {
        Parent = parent;
        PreviousEventId = previousEventId;
    }

    public Frame? Parent { get; }

    /// <summary>The id of the last event emitted in this scope (each event's previousEventId).</summary>
    public long PreviousEventId { get; set; }

    public bool TryGet(string name, [NotNullWhen(true)] out JValue? value)
    {
        for (var f = this; f is not null; f = f.Parent)
        {
            if (f._variables is not null && f._variables.TryGetValue(name, out value))
                return true;
        }

        value = null;
        return false;
    }

    public void Set(string name, JValue value)
    {
        // A name already held by an enclosing scope is updated there (validation forbids shadowing).
        for (var f = this; f is not null; f = f.Parent)
        {
            if (f._variables is not null && f._variables.ContainsKey(name))
            {
                f._variables[name] = value;
                return;
            }
        }

        (_variables ??= new Dictionary<string, JValue>(StringComparer.Ordinal))[name] = value;
    }
}
