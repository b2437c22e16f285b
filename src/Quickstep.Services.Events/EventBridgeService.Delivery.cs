using Quickstep.Aws.Targets;
using Quickstep.Services.Events.Rules;

namespace Quickstep.Services.Events;

/// <summary>Rule delivery's lifetime: started once the targets can be reached, stopped with the server.</summary>
public sealed partial class EventBridgeService
{
    private RuleDelivery? _delivery;

    /// <summary>Starts delivering accepted events (those still pending from before a restart first) to rule targets through <paramref name="targets"/>.</summary>
    /// <param name="onError">Told of events dropped after their retries (no dead-letter queue) and of dead-letter queues that refused.</param>
    public void StartDelivery(ITargetInvoker targets, Action<string, Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (_delivery is not null)
            throw new InvalidOperationException("Delivery has already started.");
        var delivery = new RuleDelivery(this, _store, targets, _options.TimeProvider, onError);
        _delivery = delivery;
        delivery.Start();
    }

    /// <summary>Cancels delivery in flight (the host stopping); <see cref="StopDeliveryAsync"/> waits for it.</summary>
    public void BeginStopDelivery() => _delivery?.BeginStop();

    /// <summary>Stops delivery; what is not delivered yet stays pending in the store for the next start.</summary>
    public Task StopDeliveryAsync() => _delivery?.StopAsync() ?? Task.CompletedTask;
}
