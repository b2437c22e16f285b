namespace Quickstep.Engine.Ports;

/// <summary>
/// An integration behind Task states (Lambda, HTTP, queues, mocks, …). The engine asks each
/// registered handler in order whether it serves a resource; handlers never see engine internals.
/// </summary>
public interface IResourceHandler
{
    bool CanHandle(string resource);

    /// <summary>Runs the task. Must honour <paramref name="cancellationToken"/> (timeouts, aborts).</summary>
    ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken);
}
