using Quickstep.EventPatterns;
using Quickstep.Storage;

namespace Quickstep.Services.Sns;

/// <summary>A subscription as the service holds it: the stored record and its filter policy compiled once.</summary>
internal sealed class SnsSubscription(SubscriptionRecord record, EventPattern? filter)
{
    public SubscriptionRecord Record { get; } = record;

    /// <summary>Null when the subscription has no FilterPolicy (everything is delivered).</summary>
    public EventPattern? Filter { get; } = filter;

    public bool FilterOnBody => Record.Attributes.TryGetValue("FilterPolicyScope", out var s) && s == "MessageBody";

    public bool Raw => Record.Attributes.TryGetValue("RawMessageDelivery", out var r) && string.Equals(r, "true", StringComparison.OrdinalIgnoreCase);

    public string? DeadLetterQueueArn => Record.Attributes.TryGetValue("RedrivePolicy", out var p) && Json.JsonText.TryParse(p, out var v, out _) && v is Json.JObject o && o["deadLetterTargetArn"] is Json.JString s ? s.Value : null;
}
