using System.Globalization;
using Quickstep.Aws.Targets;
using Quickstep.Json;
using Quickstep.Services.Events.Rules;
using Quickstep.Storage;

namespace Quickstep.Services.Events;

/// <summary>Rule delivery's lifetime: started once the targets can be reached, stopped with the server; scheduled rules fire from here too.</summary>
public sealed partial class EventBridgeService
{
    /// <summary>Stored events of a scheduled rule's run carry this before the rule name instead of a bus (bus names have no ':').</summary>
    internal const string ScheduledRunPrefix = "schedule:";

    private readonly CancellationTokenSource _schedulerStop = new();
    private RuleDelivery? _delivery;
    private RuleScheduler? _scheduler;
    private Task _scheduling = Task.CompletedTask;

    /// <summary>Starts delivering accepted events (those still pending from before a restart first) to rule targets through <paramref name="targets"/>, and firing scheduled rules.</summary>
    /// <param name="onError">Told of events dropped after their retries (no dead-letter queue) and of dead-letter queues that refused.</param>
    public void StartDelivery(ITargetInvoker targets, Action<string, Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (_delivery is not null)
            throw new InvalidOperationException("Delivery has already started.");
        var delivery = new RuleDelivery(this, _store, targets, _options.TimeProvider, onError);
        _delivery = delivery;
        delivery.Start();
        var scheduler = new RuleScheduler(() => RulesOf(DefaultBus), FireScheduledAsync, _options.TimeProvider);
        _scheduler = scheduler;
        _scheduling = Task.Run(() => scheduler.RunAsync(_schedulerStop.Token));
    }

    /// <summary>Cancels delivery in flight (the host stopping); <see cref="StopDeliveryAsync"/> waits for it.</summary>
    public void BeginStopDelivery()
    {
        _schedulerStop.Cancel();
        _delivery?.BeginStop();
    }

    /// <summary>Stops delivery; what is not delivered yet stays pending in the store for the next start.</summary>
    public async Task StopDeliveryAsync()
    {
        await _schedulerStop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _scheduling.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the next run.
        }

        if (_delivery is not null)
            await _delivery.StopAsync().ConfigureAwait(false);
    }

    /// <summary>One run of a scheduled rule: stored like an accepted event (so it is delivered at least once), for that rule's targets only.</summary>
    private async Task FireScheduledAsync(EventRule rule, DateTimeOffset due)
    {
        var id = Guid.NewGuid().ToString();
        var envelope = new JObjectBuilder(9)
            .AddUnique("version", JValue.FromString("0"))
            .AddUnique("id", JValue.FromString(id))
            .AddUnique("detail-type", JValue.FromString("Scheduled Event"))
            .AddUnique("source", JValue.FromString("aws.events"))
            .AddUnique("account", JValue.FromString(_options.AccountId))
            .AddUnique("time", JValue.FromString(due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))
            .AddUnique("region", JValue.FromString(_options.Region))
            .AddUnique("resources", JArray.Create([JValue.FromString(rule.Arn)]))
            .AddUnique("detail", JObject.Empty)
            .Build();
        var stored = await _store.AppendEventsAsync(
            [new StoredEvent { Id = id, EventBusName = ScheduledRunPrefix + rule.Name, Json = envelope.ToJson(), ReceivedTime = _options.TimeProvider.GetUtcNow() }], _schedulerStop.Token).ConfigureAwait(false);
        _delivery?.Accept(stored);
    }
}
