using Quickstep.Aws;

namespace Quickstep.Services.Events;

/// <summary>EventBridge's error codes and wording (https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html).</summary>
internal static class EventBridgeErrors
{
    public static AwsServiceException Validation(string message) => new("ValidationException", message);

    public static AwsServiceException Missing(string member) =>
        Validation($"1 validation error detected: Value null at '{char.ToLowerInvariant(member[0]) + member[1..]}' failed to satisfy constraint: Member must not be null");

    public static AwsServiceException BusNotFound(string name) => new("ResourceNotFoundException", $"Event bus {name} does not exist.");

    public static AwsServiceException BusExists(string name) => new("ResourceAlreadyExistsException", $"Event bus {name} already exists.");

    public static AwsServiceException InvalidPattern(string reason) => new("InvalidEventPatternException", "Event pattern is not valid. Reason: " + reason);
}
