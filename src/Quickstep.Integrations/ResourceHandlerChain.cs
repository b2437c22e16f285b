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
    private readonly IResourceHandler[] _handlers;
    private readonly ResourceCache<IResourceHandler> _choices;

    public ResourceHandlerChain(IEnumerable<IResourceHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = [.. handlers];
        foreach (var handler in _handlers)
            ArgumentNullException.ThrowIfNull(handler, nameof(handlers));
        _choices = new(Choose);
    }

    public ResourceHandlerChain(params IResourceHandler[] handlers)
        : this((IEnumerable<IResourceHandler>)handlers)
    {
    }

    public IReadOnlyList<IResourceHandler> Handlers => _handlers;

    public bool CanHandle(string resource) => _choices.Get(resource) is not null;

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        if (_choices.Get(request.Resource) is { } handler)
            return handler.InvokeAsync(request, cancellationToken);
        return new(TaskResult.Failure(StatesErrors.Runtime,
            $"The resource '{request.Resource}' of state '{request.StateName}' is not supported: no integration is configured for it."));
    }

    private IResourceHandler? Choose(string resource)
    {
        foreach (var handler in _handlers)
        {
            if (handler.CanHandle(resource))
                return handler;
        }

        return null;
    }
}
