using Quickstep.Asl.Errors;
using Quickstep.Engine.Plan;
using Quickstep.Json;

namespace Quickstep.Engine.Runtime;

/// <summary>What a state produced: its output and the next state (null = end of scope), or an error.</summary>
internal readonly struct StateOutcome
{
    private StateOutcome(JValue? output, CompiledState? next, StatesError? error, CompiledCatcher? caughtBy = null, bool inDataFlow = false)
    {
        Output = output;
        Next = next;
        Error = error;
        CaughtBy = caughtBy;
        InDataFlow = inDataFlow;
    }

    public JValue? Output { get; }

    public CompiledState? Next { get; }

    public StatesError? Error { get; }

    /// <summary>The Catcher that handled the state's error; its Assign, not the state's, is what the state assigned.</summary>
    public CompiledCatcher? CaughtBy { get; }

    /// <summary>
    /// The error came from the state's own data flow (paths, templates, intrinsics, JSONata), not from its
    /// work: the runner prefixes its cause with the state and entry event, and records EvaluationFailed for JSONata.
    /// </summary>
    public bool InDataFlow { get; }

    public static StateOutcome Continue(JValue output, CompiledState? next) => new(output, next, null);

    public static StateOutcome Caught(JValue output, CompiledCatcher catcher) => new(output, catcher.Next, null, catcher);

    public static StateOutcome Fail(StatesError error) => new(null, null, error);

    public static StateOutcome DataFlowFail(StatesError error) => new(null, null, error, inDataFlow: true);
}
