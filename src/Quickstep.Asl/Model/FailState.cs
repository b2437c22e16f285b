using Quickstep.Json;

namespace Quickstep.Asl.Model;

public sealed class FailState : State
{
    public override StateType Type => StateType.Fail;

    /// <summary>A string (in JSONata possibly "{% %}").</summary>
    public JValue? Error { get; init; }

    /// <summary>A reference path or an intrinsic function call.</summary>
    public string? ErrorPath { get; init; }

    public JValue? Cause { get; init; }

    public string? CausePath { get; init; }
}
