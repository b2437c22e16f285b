namespace Quickstep.Engine.Ports;

/// <summary>One invocation of a Task state's resource, as an integration sees it (a struct: one per call, none allocated).</summary>
public readonly record struct TaskRequest(
    string Resource,
    JValue Parameters,
    string StateName,
    string StateMachineName,
    string ExecutionArn,
    int RetryCount)
{
    /// <summary>The mock test case name selected for this execution (Step Functions Local MockConfigFile), if any.</summary>
    public string? TestCase { get; init; }

    /// <summary>TestState at TRACE: where an HTTP integration reports its request and response; null otherwise.</summary>
    public IHttpExchangeRecorder? HttpRecorder { get; init; }
}
