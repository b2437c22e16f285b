using System.Diagnostics.CodeAnalysis;
using Quickstep.Asl.Compilation;
using Quickstep.Json;

namespace Quickstep.Engine.Runtime;

/// <summary>
/// One variable scope (the machine, a Parallel branch, a Map iteration): its own variables,
/// read access to the enclosing scopes', and the event the scope's history chains from.
/// </summary>
internal sealed class Frame : IVariableScope
{
    private Dictionary<string, JValue>? _variables;

    public Frame(Frame? parent, long previousEventId, bool silent = false, CancellationToken? cancellation = null, bool concurrent = false)
    {
        Parent = parent;
        PreviousEventId = previousEventId;
        Silent = silent || (parent?.Silent ?? false);
        Cancellation = cancellation ?? parent?.Cancellation ?? default;
        Concurrent = concurrent || (parent?.Concurrent ?? false);
    }

    /// <summary>Cancelled when this scope must stop: the execution's abort, or a sibling branch/iteration failed.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>
    /// True inside a branch or iteration that runs beside others: a sibling's failure stops its wait for a
    /// handler call even when the handler ignores cancellation.
    /// </summary>
    public bool Concurrent { get; }

    /// <summary>A Parallel branch: an uncaught Task error leaves a TaskStateAborted (recorded: test_parallel_catch_error).</summary>
    public bool AbortsFailedTask { get; init; }

    public Frame? Parent { get; }

    /// <summary>
    /// The machine's scope keeps the unit of work its last Task call ran on (a spare beside its own) until it waits or
    /// ends, so a call that answers at once takes and puts down nothing (see <see cref="TrackedCall"/>).
    /// </summary>
    public bool HoldsSpareUnit { get; set; }

    /// <summary>The span of the state running in this scope, when the execution is traced.</summary>
    public System.Diagnostics.Activity? StateSpan { get; set; }

    /// <summary>The span of the Task call in flight in this scope, when the execution is traced.</summary>
    public System.Diagnostics.Activity? TaskSpan { get; set; }

    /// <summary>
    /// The Failed event a Map or Parallel attempt owes if its error leaves the state ("MapStateFailed"
    /// after failed iterations); dropped when a retry follows, never set for data-flow errors.
    /// </summary>
    public string? PendingFailureEvent { get; set; }

    /// <summary>True inside a Distributed Map's child executions, whose events AWS keeps out of the parent's history.</summary>
    public bool Silent { get; }

    /// <summary>The id of the last event emitted in this scope (each event's previousEventId).</summary>
    public long PreviousEventId { get; set; }

    /// <summary>The event before the running state's StateEntered, which its EvaluationFailed follows.</summary>
    public long EnteredAfterEventId { get; set; }

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

    /// <summary>This scope's own variables (TestState reports them).</summary>
    public IReadOnlyList<KeyValuePair<string, JValue>> Variables() =>
        _variables is null ? [] : [.. _variables];

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
