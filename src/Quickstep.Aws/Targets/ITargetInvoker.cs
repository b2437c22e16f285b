using Quickstep.Json;

namespace Quickstep.Aws.Targets;

/// <summary>
/// Delivers an input to the resource an ARN names, as EventBridge rules, EventBridge Scheduler and Pipes do with
/// their targets: a state machine (StartExecution, or StartSyncExecution when <see cref="TargetRequest.Synchronous"/>),
/// a queue (SendMessage), a topic (Publish), an event bus (PutEvents), a function (Invoke).
/// </summary>
public interface ITargetInvoker
{
    /// <summary>The target service's output (e.g. StartExecution's <c>{executionArn, startDate}</c>); throws <see cref="AwsServiceException"/> when the target refuses.</summary>
    ValueTask<JValue> InvokeAsync(TargetRequest request, CancellationToken cancellationToken = default);
}
