using Quickstep.Json;

namespace Quickstep.Asl.Model;

public sealed class ParallelState : State
{
    public override StateType Type => StateType.Parallel;

    public required IReadOnlyList<StateMachineDefinition> Branches { get; init; }

    public JValue? Parameters { get; init; }

    public JValue? Arguments { get; init; }

    public JValue? ResultSelector { get; init; }

    public JValue? ResultPath { get; init; }

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}
