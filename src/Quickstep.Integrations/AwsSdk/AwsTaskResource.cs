namespace Quickstep.Integrations.AwsSdk;

/// <summary>A Task resource this integration serves: the service, the operation (PascalCase) and whether it is an optimized integration.</summary>
internal sealed record AwsTaskResource(AwsServiceInfo Service, string Operation, bool Optimized)
{
    /// <summary>The parts of <c>arn:PARTITION:states:::SERVICE:ACTION[:…]</c> (a Task's integration resource), or null.</summary>
    public static string[]? SplitStatesArn(string resource)
    {
        if (resource is null || !resource.StartsWith("arn:", StringComparison.Ordinal))
            return null;
        var parts = resource.Split(':');
        // arn : partition : states : (region) : (account) : service : action [: …]
        return parts.Length < 7 || parts[2] != "states" || parts[3].Length != 0 || parts[4].Length != 0 ? null : parts;
    }

    /// <summary>
    /// <c>arn:PARTITION:states:::sqs:sendMessage</c>, <c>…:::sns:publish</c>, <c>…:::events:putEvents</c>,
    /// <c>arn:PARTITION:states:::aws-sdk:SERVICE:action</c> for SERVICE in sqs, sns, eventbridge, s3, glue; <c>…:::glue:startJobRun</c> (request-response). Integration
    /// patterns (<c>.sync</c>, <c>.waitForTaskToken</c>) are not served: Express workflows do not support them.
    /// </summary>
    public static AwsTaskResource? Parse(string resource)
    {
        if (SplitStatesArn(resource) is not { } parts)
            return null;
        if (parts[5] == "aws-sdk")
        {
            if (parts.Length != 8 || AwsServiceInfo.ForSdkResource(parts[6]) is not { } service || !IsAction(parts[7]))
                return null;
            return new(service, Pascal(parts[7]), Optimized: false);
        }

        if (parts.Length != 7)
            return null;
        return (parts[5], parts[6]) switch
        {
            ("sqs", "sendMessage") => new(AwsServiceInfo.Sqs, "SendMessage", Optimized: true),
            ("sns", "publish") => new(AwsServiceInfo.Sns, "Publish", Optimized: true),
            ("events", "putEvents") => new(AwsServiceInfo.EventBridge, "PutEvents", Optimized: true),
            ("glue", "startJobRun") => new(AwsServiceInfo.Glue, "StartJobRun", Optimized: true),
            // Another service's integration (dynamodb:putItem, ecs:runTask): its API operation, forwarded as the SDK integrations are.
            _ when IsAction(parts[6]) && AwsServiceInfo.FromModel(parts[5]) is { } other => new(other, Pascal(parts[6]), Optimized: false),
            _ => null,
        };
    }

    private static bool IsAction(string action)
    {
        if (action.Length == 0 || !char.IsAsciiLetterLower(action[0]))
            return false;
        foreach (var c in action)
        {
            if (!char.IsAsciiLetterOrDigit(c))
                return false;
        }

        return true;
    }

    private static string Pascal(string action) => char.ToUpperInvariant(action[0]) + action[1..];
}
