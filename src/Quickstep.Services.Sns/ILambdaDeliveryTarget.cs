namespace Quickstep.Services.Sns;

/// <summary>
/// Where SNS hands a message for a <c>lambda</c> subscription: the host implements it with its functions. SNS invokes
/// Lambda asynchronously, so this queues the invocation; a failure (no such function) throws and the message is lost
/// for that subscription, as SNS drops it after its retries.
/// </summary>
public interface ILambdaDeliveryTarget
{
    /// <param name="functionArn">The subscription's endpoint.</param>
    /// <param name="eventJson">The SNS event: <c>{"Records": [{"EventSource": "aws:sns", …, "Sns": {…}}]}</c>.</param>
    Task InvokeAsync(string functionArn, string eventJson, CancellationToken cancellationToken);
}
