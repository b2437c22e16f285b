using Quickstep.Storage.Rows;

namespace Quickstep.Storage;

/// <summary>
/// EventBridge rules read by the same statements in every dialect; a dialect's subclass writes them, counting up the
/// version row with each put or delete in one transaction in its own way.
/// </summary>
public abstract class SqlEventRuleStore : SqlStore
{
    private protected SqlEventRuleStore(StoreSql sql)
        : base(sql)
    {
    }

    public async Task<IReadOnlyList<EventRuleRecord>> ListRulesAsync(CancellationToken cancellationToken = default) =>
        await Sql.QueryAsync("SELECT bus,name,json FROM event_rules ORDER BY bus,name",
            r => new EventRuleRecord { EventBusName = r.GetString(0), Name = r.GetString(1), Json = r.GetString(2) }, cancellationToken).ConfigureAwait(false);

    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default) =>
        (await Sql.QueryAsync("SELECT version FROM event_rules_version WHERE id = 0", r => r.GetInt64(0), cancellationToken).ConfigureAwait(false))[0];
}
