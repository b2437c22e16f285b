namespace Quickstep.Engine.Testing;

/// <summary>
/// The tested state's data flow, stage by stage (TestState's inspectionData at DEBUG and TRACE).
/// A stage the state did not go through is null.
/// </summary>
public sealed class StateInspection
{
    public JValue? Input { get; internal set; }

    public JValue? AfterInputPath { get; internal set; }

    public JValue? AfterParameters { get; internal set; }

    public JValue? AfterArguments { get; internal set; }

    public JValue? Result { get; internal set; }

    public JValue? AfterResultSelector { get; internal set; }

    public JValue? AfterResultPath { get; internal set; }

    public JValue? AfterItemsPath { get; internal set; }

    public JValue? Variables { get; internal set; }

    public int? MaxConcurrency { get; internal set; }

    public int? ToleratedFailureCount { get; internal set; }

    public double? ToleratedFailurePercentage { get; internal set; }

    public ErrorDetails? ErrorDetails { get; internal set; }

    /// <summary>TRACE: the HTTP Task's request and response (the last one, when a token was refreshed).</summary>
    public Ports.HttpExchange? Http { get; internal set; }
}
