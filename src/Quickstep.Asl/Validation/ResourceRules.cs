namespace Quickstep.Asl.Validation;

/// <summary>Checks on a Task's Resource ARN that AWS applies when a state machine is created.</summary>
internal static class ResourceRules
{
    // Optimized integrations whose action set is small and stable; other services are not checked.
    // Decided by services/test_dynamodb_task_service_test_invalid_integration (dynamodb:query is rejected).
    private static readonly Dictionary<string, string[]> KnownActions = new(StringComparer.Ordinal)
    {
        ["lambda"] = ["invoke"],
        ["dynamodb"] = ["getItem", "putItem", "updateItem", "deleteItem"],
        ["sqs"] = ["sendMessage"],
        ["sns"] = ["publish"],
        ["events"] = ["putEvents"],
        ["states"] = ["startExecution"],
        ["http"] = ["invoke"],
        ["glue"] = ["startJobRun"],
    };

    /// <summary>
    /// True for arn:partition:service:region:account:resource (region and account may be empty, as in
    /// arn:aws:states:::lambda:invoke). AWS refuses anything else at creation, e.g. an unreplaced ${LambdaArn}.
    /// </summary>
    public static bool IsArn(string resource)
    {
        var parts = resource.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[1].Length > 0 && parts[2].Length > 0 && parts[5].Length > 0;
    }

    /// <summary>Null when recognised (or not checked), else AWS's message.</summary>
    public static string? CheckRecognised(string resource)
    {
        if (!TrySplitStatesArn(resource, out var service, out var action))
            return null;
        if (!KnownActions.TryGetValue(service, out var actions))
            return null;
        var dot = action.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0 ? action : action[..dot];
        if (Array.IndexOf(actions, name) >= 0)
            return null;
        return $"The resource provided {resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.";
    }

    /// <summary>Null when allowed in an EXPRESS machine, else AWS's message (recorded in cases/api/*illegal_callbacks*).</summary>
    public static string? CheckExpress(string resource)
    {
        // AWS's message for .waitForTaskToken ends with a space (recorded verbatim: "… integration  at /States/…").
        if (resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal))
            return "Express state machine does not support '.waitForTaskToken' service integration ";
        if (resource.EndsWith(".sync", StringComparison.Ordinal) || resource.EndsWith(".sync:2", StringComparison.Ordinal))
            return "Express state machine does not support '.sync' service integration";
        if (IsActivityArn(resource))
            return "Express state machine does not support activities";
        return null;
    }

    private static bool IsActivityArn(string resource)
    {
        // arn:partition:states:region:account:activity:name
        var parts = resource.Split(':');
        return parts.Length >= 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "activity";
    }

    /// <summary>Splits arn:partition:states:region:account:service:action[…] into service and action.</summary>
    private static bool TrySplitStatesArn(string resource, out string service, out string action)
    {
        service = action = "";
        var parts = resource.Split(':', 7);
        if (parts.Length < 7 || parts[0] != "arn" || parts[2] != "states")
            return false;
        service = parts[5];
        action = parts[6];
        return service.Length > 0 && service != "activity";
    }
}
