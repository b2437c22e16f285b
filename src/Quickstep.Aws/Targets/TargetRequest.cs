namespace Quickstep.Aws.Targets;

/// <summary>One delivery to a target: its ARN and the input as JSON text (the event, or what a transformer made of it).</summary>
public sealed record TargetRequest(string Arn, string Input)
{
    /// <summary>Wait for the target's result: StartSyncExecution for a state machine, RequestResponse for a function (otherwise StartExecution, Event).</summary>
    public bool Synchronous { get; init; }

    /// <summary>FIFO queues and topics: the message group (EventBridge's SqsParameters.MessageGroupId).</summary>
    public string? MessageGroupId { get; init; }

    /// <summary>A state machine target: the execution's name (none: a generated one).</summary>
    public string? ExecutionName { get; init; }
}
