using Quickstep.Json;

namespace Quickstep.Asl.Model;

public sealed class TaskState : State
{
    public override StateType Type => StateType.Task;

    public required string Resource { get; init; }

    public JValue? Parameters { get; init; }

    public JValue? Arguments { get; init; }

    public JValue? ResultSelector { get; init; }

    public JValue? ResultPath { get; init; }

    /// <summary>An integer, or in JSONata a "{% %}" string.</summary>
    public JValue? TimeoutSeconds { get; init; }

    public string? TimeoutSecondsPath { get; init; }

    public JValue? HeartbeatSeconds { get; init; }

    public string? HeartbeatSecondsPath { get; init; }

    public JValue? Credentials { get; init; }

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}
