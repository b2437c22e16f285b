using System.Collections.Concurrent;
using Quickstep.Engine.Ports;

namespace Quickstep.Integrations.Testing;

/// <summary>Passes Task calls on and counts, per state, the calls that were retries (a test's <c>retries</c> expectation).</summary>
internal sealed class RetryCounter(IResourceHandler inner) : IResourceHandler
{
    private readonly ConcurrentDictionary<string, int> _retries = new(StringComparer.Ordinal);

    public bool CanHandle(string resource) => inner.CanHandle(resource);

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        if (request.RetryCount > 0)
            _retries.AddOrUpdate(request.StateName, 1, static (_, n) => n + 1);
        return inner.InvokeAsync(request, cancellationToken);
    }

    public int Retries(string state) => _retries.GetValueOrDefault(state);
}
