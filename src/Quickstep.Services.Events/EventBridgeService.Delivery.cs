using System.Globalization;
using Quickstep.Aws.Targets;
using Quickstep.Json;
using Quickstep.Services.Events.Rules;
using Quickstep.Storage;

namespace Quickstep.Services.Events;

/// <summary>
/// Rule delivery's lifetime: started once the targets can be reached, stopped with the server. Scheduled rules fire from
/// <see cref="RunRuleSchedulerAsync"/>, which the host runs on one node (the leader) when several share the store.
/// </summary>
public sealed partial class EventBridgeService
{
    /// <summary>Stored events of a scheduled rule's run carry this before the rule name instead of a bus (bus names have no ':').</summary>
    internal const string ScheduledRunPrefix = "schedule:";

    /// <summary>Most time between two looks at the rules while scheduling: rules changed through another node wake nothing here.</summary>
    private static readonly TimeSpan SchedulerPoll = TimeSpan.FromSeconds(1);

    private RuleDelivery? _delivery;
    private volatile RuleScheduler? _scheduler;

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

    /// <summary>
    /// Takes over the undelivered events no live node holds (a node sharing the store died with events it had accepted:
    /// its node lease expired) and delivers them. The host calls it from its heartbeat; with a store of one node there is
    /// nothing to take over.
    /// </summary>
    public void TakeOverUndelivered() => _delivery?.TakeOver();

    /// <summary>
    /// Fires the enabled scheduled rules of the default bus when due until <paramref name="cancellationToken"/> fires,
    /// looking at the rules again at least every second (rules put through another node). When nodes share the store
    /// the host runs this on one node only (a leader lease), so each due time fires once across them.
    /// </summary>
    public async Task RunRuleSchedulerAsync(CancellationToken cancellationToken)
    {
        var scheduler = new RuleScheduler(() => RulesOf(DefaultBus), (rule, due) => FireScheduledAsync(rule, due, cancellationToken), _options.TimeProvider, RefreshRulesAsync, SchedulerPoll);
        _scheduler = scheduler;
        try
        {
            await scheduler.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _scheduler = null;
        }
    }

    /// <summary>Cancels delivery in flight (the host stopping); <see cref="StopDeliveryAsync"/> waits for it.</summary>
    public void BeginStopDelivery() => _delivery?.BeginStop();

    /// <summary>Stops delivery; what is not delivered yet stays pending in the store for the next start.</summary>
    public async Task StopDeliveryAsync()
    {
        if (_delivery is not null)
            await _delivery.StopAsync().ConfigureAwait(false);
    }

    /// <summary>One run of a scheduled rule: stored like an accepted event (so it is delivered at least once), for that rule's targets only.</summary>
    private async Task FireScheduledAsync(EventRule rule, DateTimeOffset due, CancellationToken ct)
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
            [new StoredEvent { Id = id, EventBusName = ScheduledRunPrefix + rule.Name, Json = envelope.ToJson(), ReceivedTime = _options.TimeProvider.GetUtcNow() }], ct).ConfigureAwait(false);
        _delivery?.Accept(stored);
    }
}
