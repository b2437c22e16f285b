using Quickstep.Json;

namespace Quickstep.Services.Events;

/// <summary>Events the server's own services send to the default bus, as AWS services do (S3 object changes, Step Functions status changes).</summary>
public sealed partial class EventBridgeService
{
    /// <summary>
    /// True when the default bus has an enabled rule with a pattern: services skip building and storing events while
    /// nothing listens (EventBridge drops events no rule matches anyway).
    /// </summary>
    public bool HasListeners()
    {
        foreach (var rule in RulesOf(DefaultBus))
        {
            if (rule.Enabled && rule.Pattern is not null)
                return true;
        }

        return false;
    }

    /// <summary>Puts one event on the default bus (stored and delivered like PutEvents' entries).</summary>
    public async Task PutServiceEventAsync(string source, string detailType, JObject detail, IReadOnlyList<string> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(resources);
        var entry = JObject.Create([
            new("Source", JString.Create(source)),
            new("DetailType", JString.Create(detailType)),
            new("Detail", JString.Create(detail.ToJson())),
            new("Resources", JArray.Create(resources.Select(r => (JValue)JString.Create(r)))),
        ]);
        await PutEventsAsync(JObject.Create([new("Entries", JArray.Create([entry]))]), cancellationToken).ConfigureAwait(false);
    }
}
