using Quickstep.EventPatterns;
using Quickstep.Json;

namespace Quickstep.Services.Events.Rules;

/// <summary>A rule as EventBridge describes it (<see cref="Json"/>, DescribeRule's members), its compiled pattern and its targets (PutTargets' shapes).</summary>
internal sealed record EventRule(string Bus, string Name, JObject Json, EventPattern? Pattern, IReadOnlyList<JObject> Targets)
{
    public string Arn => ((JString)Json["Arn"]!).Value;

    /// <summary>ENABLED and ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS both deliver.</summary>
    public bool Enabled => Json["State"] is JString s && s.Value.StartsWith("ENABLED", StringComparison.Ordinal);

    /// <summary>The stored member that keeps <see cref="ScheduleSince"/> (never shown by DescribeRule).</summary>
    public const string ScheduleSinceMember = "QuickstepScheduleSince";

    /// <summary>
    /// For a scheduled rule: when its schedule was put or enabled (Unix milliseconds). rate() counts from it, so every node
    /// that schedules the rule (a new leader) keeps the same due times.
    /// </summary>
    public long? ScheduleSince { get; init; }

    /// <summary>What the store keeps: the rule and its targets in one document.</summary>
    public string ToStoredJson()
    {
        var stored = Json.With("Targets", JArray.Create(Targets));
        return (ScheduleSince is { } since ? stored.With(ScheduleSinceMember, JValue.FromNumber(since)) : stored).ToJson();
    }
}
