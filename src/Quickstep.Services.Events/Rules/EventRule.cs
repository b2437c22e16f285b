using Quickstep.EventPatterns;
using Quickstep.Json;

namespace Quickstep.Services.Events.Rules;

/// <summary>A rule as EventBridge describes it (<see cref="Json"/>, DescribeRule's members), its compiled pattern and its targets (PutTargets' shapes).</summary>
internal sealed record EventRule(string Bus, string Name, JObject Json, EventPattern? Pattern, IReadOnlyList<JObject> Targets)
{
    public string Arn => ((JString)Json["Arn"]!).Value;

    /// <summary>ENABLED and ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS both deliver.</summary>
    public bool Enabled => Json["State"] is JString s && s.Value.StartsWith("ENABLED", StringComparison.Ordinal);

    /// <summary>What the store keeps: the rule and its targets in one document.</summary>
    public string ToStoredJson() => Json.With("Targets", JArray.Create(Targets)).ToJson();
}
