using Quickstep.Json;

namespace Quickstep.Asl.Model;

public sealed class PassState : State
{
    public override StateType Type => StateType.Pass;

    public JValue? Result { get; init; }

    public JValue? Parameters { get; init; }

    public JValue? ResultPath { get; init; }
}
