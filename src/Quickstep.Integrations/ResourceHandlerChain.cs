using System.Collections.Concurrent;
using Quickstep.Asl.Errors;
using Quickstep.Engine.Ports;

namespace Quickstep.Integrations;

/// <summary>
/// Several handlers as one: a request goes to the first handler whose <see cref="IResourceHandler.CanHandle"/>
/// accepts its resource (the choice is remembered per resource). A resource no handler serves fails
/// with <c>States.Runtime</c> — a configuration problem that no Retry or Catch should mask.
/// </summary>
public sealed class ResourceHandlerChain : IResourceHandler
{
    /// <summary>Distinct resources remembered; resources are constants of definitions, so this is a guard only.</summary>
    private const int MaxCachedResources = 4096;

    private readonly IResourceHandler[] _handlers;
    private readonly ConcurrentDictionary<string, IResourceHandler?> _choices = new(StringComparer.Ordinal);

    public ResourceHandlerChain(IEnumerable<IResourceHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = [.. handlers];
        foreach (var handler in _handlers)
            ArgumentNullException.ThrowIfNull(handler, nameof(handlers));
    }

    public ResourceHandlerChain(params IResourceHandler[] handlers)
        : this((IEnumerable<IResourceHandler>)handlers)
    {
    }

    public IReadOnlyList<IResourceHandler> Handlers => _handlers;

    public bool CanHandle(string resource) => Choose(resource) is not null;

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        if (Choose(request.Resource) is { } handler)
            return handler.InvokeAsync(request, cancellationToken);
        return new(TaskResult.Failure(StatesErrors.Runtime,
            $"The resource '{request.Resource}' of state '{request.StateName}' is not supported: no integration is configured for it."));
    }

    private IResourceHandler? Choose(string resource)
    {
        if (_choices.TryGetValue(resource, out var chosen))
            return chosen;
        foreach (var handler in _handlers)
        {
            if (handler.CanHandle(resource))
            {
                chosen = handler;
                break;
            }
        }

        if (_choices.Count < MaxCachedResources)
            _choices.TryAdd(resource, chosen);
        return chosen;
    }
}
