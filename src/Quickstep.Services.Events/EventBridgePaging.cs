using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.Services.Events;

/// <summary>The <c>Limit</c> of EventBridge's List operations: 1 to 100, 100 when absent; anything else (a fraction, 1e400, a word) is a ValidationException, not the default.</summary>
internal static class EventBridgePaging
{
    public static int Limit(JObject input)
    {
        var limit = AwsInput.Int(input, "Limit");
        if (limit is null && input["Limit"] is { } given && given is not JNull)
            throw EventBridgeErrors.Validation($"1 validation error detected: Value '{given}' at 'limit' failed to satisfy constraint: Member must be an integer between 1 and 100");
        var value = limit ?? 100;
        if (value is < 1 or > 100)
            throw EventBridgeErrors.Validation($"1 validation error detected: Value '{value}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100");
        return value;
    }
}
