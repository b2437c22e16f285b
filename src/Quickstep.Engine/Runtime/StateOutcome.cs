using Quickstep.Asl.Errors;
using Quickstep.Engine.Plan;
using Quickstep.Json;

namespace Quickstep.Engine.Runtime;

/// <summary>What a state produced: its output and the next state (null = end of scope), or an error.</summary>
internal readonly struct StateOutcome
{
    /// <summary>Marks a data-flow failure in <see cref="_detail"/>, which a success uses for its Catcher: four words, not five, keep the hot loop's copies small.</summary>
    private static readonly object DataFlow = new();

    /// <summary>The Catcher of a caught error's outcome, or <see cref="DataFlow"/> on a data-flow failure.</summary>
    private readonly object? _detail;

    private StateOutcome(JValue? output, CompiledState? next, StatesError? error, object? detail = null)
    {
        Output = output;
        Next = next;
        Error = error;
        _detail = detail;
    }

    public JValue? Output { get; }

    public CompiledState? Next { get; }

    public StatesError? Error { get; }

    /// <summary>The Catcher that handled the state's error; its Assign, not the state's, is what the state assigned.</summary>
    public CompiledCatcher? CaughtBy => _detail as CompiledCatcher;

    /// <summary>
    /// The error came from the state's own data flow (paths, templates, intrinsics, JSONata), not from its
    /// work: the runner prefixes its cause with the state and entry event, and records EvaluationFailed for JSONata.
    /// </summary>
    public bool InDataFlow => ReferenceEquals(_detail, DataFlow);

    public static StateOutcome Continue(JValue output, CompiledState? next) => new(output, next, null);

    public static StateOutcome Caught(JValue output, CompiledCatcher catcher) => new(output, catcher.Next, null, catcher);

    public static StateOutcome Fail(StatesError error) => new(null, null, error);

    public static StateOutcome DataFlowFail(StatesError error) => new(null, null, error, DataFlow);
}
