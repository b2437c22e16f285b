namespace Quickstep.Engine.Testing;

/// <summary>Which context object fields TestState accepts, of which types, as AWS checks them.</summary>
internal static class StateContextRules
{
    private const string Prefix = "Invalid Context object provided: ";

    /// <summary>Section → field → whether it must be a string (false: a number; null: any value).</summary>
    private static readonly Dictionary<string, Dictionary<string, bool?>> Sections = new(StringComparer.Ordinal)
    {
        ["Execution"] = new(StringComparer.Ordinal) { ["Id"] = true, ["Input"] = null, ["Name"] = true, ["RoleArn"] = true, ["StartTime"] = true, ["RedriveCount"] = false, ["RedriveTime"] = true },
        ["State"] = new(StringComparer.Ordinal) { ["EnteredTime"] = true, ["Name"] = true, ["RetryCount"] = false },
        ["StateMachine"] = new(StringComparer.Ordinal) { ["Id"] = true, ["Name"] = true },
        ["Task"] = new(StringComparer.Ordinal) { ["Token"] = true },
    };

    public static void Check(JObject? context, State state)
    {
        if (context is null)
            return;
        foreach (var (section, value) in context)
        {
            if (!Sections.TryGetValue(section, out var fields))
                throw Invalid($"Field '{section}' is not allowed");
            if (value is not JObject members)
                throw Invalid($"{section} must be an object");
            foreach (var (field, v) in members)
            {
                if (!fields.TryGetValue(field, out var isString))
                    throw Invalid($"Field '{field}' is not allowed");
                if (isString == true && v is not JString)
                    throw Invalid($"{section}.{field} must be a string");
                if (isString == false && v is not JNumber)
                    throw Invalid($"{section}.{field} must be a number");
            }
        }

        if (context.ContainsKey("Task") && !(state is TaskState t && (t.Resource.EndsWith(".sync", StringComparison.Ordinal) || t.Resource.Contains(".sync:", StringComparison.Ordinal) || t.Resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal))))
            throw Invalid("Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern");
    }

    private static StateTestException Invalid(string message) => new(Prefix + message, isDefinitionError: false);
}
