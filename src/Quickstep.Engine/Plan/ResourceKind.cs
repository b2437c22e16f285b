using Quickstep.Engine.History;

namespace Quickstep.Engine.Plan;

/// <summary>
/// How a Task resource shows in history: a Lambda function ARN gives LambdaFunction* events;
/// an integration ARN (arn:aws:states:::service:action) gives Task* events with its resourceType
/// and resource ("lambda" / "invoke").
/// </summary>
internal sealed record ResourceKind(bool IsLambdaFunction, string ResourceType, string ResourceName)
{
    private JObject? _scheduledHead;
    private PayloadDetails? _scheduled;

    /// <summary>{resourceType, resource}: the head of every Task* event's details, made once.</summary>
    public JObject Head { get; } = new JObjectBuilder(2)
        .AddUnique("resourceType", JValue.FromString(ResourceType))
        .AddUnique("resource", JValue.FromString(ResourceName))
        .Build();

    /// <summary>The head of TaskScheduled's details: {resourceType, resource, region} (one engine, one region).</summary>
    public JObject ScheduledHead(string region) => _scheduledHead ??= Head.With("region", JValue.FromString(region));

    /// <summary>{resource}: the head of LambdaFunctionScheduled's details.</summary>
    public JObject LambdaHead { get; } = new JObjectBuilder(1).AddUnique("resource", JValue.FromString(ResourceName)).Build();

    /// <summary>The shape of the call's …Succeeded details: {[resourceType, resource,] output, outputDetails}.</summary>
    public PayloadDetails Succeeded { get; } = new(IsLambdaFunction ? JObject.Empty : new JObjectBuilder(2)
        .AddUnique("resourceType", JValue.FromString(ResourceType))
        .AddUnique("resource", JValue.FromString(ResourceName))
        .Build(), "output", "outputDetails");

    /// <summary>The shape of the call's …Scheduled details; made per call only when it has a timeout or heartbeat.</summary>
    public PayloadDetails Scheduled(string region, JObject? tail) => tail is not null ? NewScheduled(region, tail) : _scheduled ??= NewScheduled(region, null);

    private PayloadDetails NewScheduled(string region, JObject? tail) => IsLambdaFunction
        ? new(LambdaHead, "input", "inputDetails", tail)
        : new(ScheduledHead(region), "parameters", null, tail);

    public static ResourceKind Of(string resource)
    {
        if (resource.StartsWith("arn:", StringComparison.Ordinal) && resource.Contains(":lambda:", StringComparison.Ordinal) && resource.Contains(":function:", StringComparison.Ordinal))
            return new ResourceKind(true, "lambda", resource);
        const string prefix = ":states:::";
        var at = resource.IndexOf(prefix, StringComparison.Ordinal);
        if (at >= 0)
        {
            var rest = resource[(at + prefix.Length)..];
            var lastColon = rest.LastIndexOf(':');
            if (lastColon > 0)
                return new ResourceKind(false, rest[..lastColon], rest[(lastColon + 1)..]);
        }

        return new ResourceKind(false, "unknown", resource);
    }
}
