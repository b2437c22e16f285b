namespace Quickstep.Storage;

/// <summary>EventBridge's rules and their targets, durable across restarts.</summary>
public interface IEventRuleStore
{
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EventRuleRecord>> ListRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the rule of that bus and name.</summary>
    Task PutRuleAsync(EventRuleRecord rule, CancellationToken cancellationToken = default);

    Task DeleteRuleAsync(string eventBusName, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// A number that changes whenever a rule is put or deleted, through this store or another node sharing it: a cache
    /// of <see cref="ListRulesAsync"/> is current while the version it was read at has not changed.
    /// </summary>
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);
}
