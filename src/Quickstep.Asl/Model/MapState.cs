using Quickstep.Json;

namespace Quickstep.Asl.Model;

public sealed class MapState : State
{
    public override StateType Type => StateType.Map;

    /// <summary>ItemProcessor, or the deprecated Iterator.</summary>
    public required StateMachineDefinition ItemProcessor { get; init; }

    /// <summary>True when the definition used the deprecated "Iterator" field name.</summary>
    public bool UsesIterator { get; init; }

    public string? ItemsPath { get; init; }

    /// <summary>JSONata Items: an array or a "{% %}" string.</summary>
    public JValue? Items { get; init; }

    public JValue? ItemSelector { get; init; }

    /// <summary>Deprecated JSONPath Parameters (same role as ItemSelector).</summary>
    public JValue? Parameters { get; init; }

    public JValue? ItemReader { get; init; }

    public JValue? ItemBatcher { get; init; }

    public JValue? ResultWriter { get; init; }

    public JValue? MaxConcurrency { get; init; }

    public string? MaxConcurrencyPath { get; init; }

    public JValue? ToleratedFailureCount { get; init; }

    public string? ToleratedFailureCountPath { get; init; }

    public JValue? ToleratedFailurePercentage { get; init; }

    public string? ToleratedFailurePercentagePath { get; init; }

    public string? Label { get; init; }

    public JValue? ResultSelector { get; init; }

    public JValue? ResultPath { get; init; }

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}
