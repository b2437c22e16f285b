namespace Quickstep.Storage;

/// <summary>EventBridge's rules and their targets, durable across restarts.</summary>
public interface IEventRuleStore
{
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EventRuleRecord>> ListRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the rule of that bus and name.</summary>
    Task PutRuleAsync(EventRuleRecord rule, CancellationToken cancellationToken = default);

    Task DeleteRuleAsync(string eventBusName, string name, CancellationToken cancellationToken = default);
}
