using Quickstep.Json;

namespace Quickstep.Asl.Model;

public sealed class WaitState : State
{
    public override StateType Type => StateType.Wait;

    /// <summary>An integer, or in JSONata a "{% %}" string.</summary>
    public JValue? Seconds { get; init; }

    public string? SecondsPath { get; init; }

    /// <summary>An RFC 3339 timestamp string, or in JSONata a "{% %}" string.</summary>
    public JValue? Timestamp { get; init; }

    public string? TimestampPath { get; init; }
}
