using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>A queue of asynchronous (<c>InvocationType: Event</c>) invocations that runs them later, as Lambda's internal queue does.</summary>
public interface ILambdaEventQueue
{
    /// <summary>Queues one invocation; completes once it is stored.</summary>
    ValueTask EnqueueAsync(string functionName, string? qualifier, JValue payload, CancellationToken cancellationToken);
}
