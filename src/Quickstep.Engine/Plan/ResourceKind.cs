namespace Quickstep.Engine.Plan;

/// <summary>
/// How a Task resource shows in history: a Lambda function ARN gives LambdaFunction* events;
/// an integration ARN (arn:aws:states:::service:action) gives Task* events with its resourceType
/// and resource ("lambda" / "invoke").
/// </summary>
internal sealed record ResourceKind(bool IsLambdaFunction, string ResourceType, string ResourceName)
{
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
