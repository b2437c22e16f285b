using Quickstep.Asl.Errors;
using Quickstep.Asl.Json;
using Quickstep.Engine.Plan;

namespace Quickstep.Engine.Runtime;

/// <summary>What a state produced: its output and the next state (null = end of scope), or an error.</summary>
internal readonly struct StateOutcome
{
    private StateOutcome(JValue? output, CompiledState? next, StatesError? error)
    {
        Output = output;
        Next = next;
        Error = error;
    }

    public JValue? Output { get; }

    public CompiledState? Next { get; }

    public StatesError? Error { get; }

    public static StateOutcome Continue(JValue output, CompiledState? next) => new(output, next, null);

    public static StateOutcome Fail(StatesError error) => new(null, null, error);
}
