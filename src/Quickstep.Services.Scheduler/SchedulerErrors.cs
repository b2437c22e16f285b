using Quickstep.Aws;

namespace Quickstep.Services.Scheduler;

/// <summary>EventBridge Scheduler's errors with the HTTP status of each in the service model.</summary>
internal static class SchedulerErrors
{
    public static AwsServiceException Validation(string message) => new("ValidationException", message, 400);

    public static AwsServiceException NotFound(string message) => new("ResourceNotFoundException", message, 404);

    public static AwsServiceException Conflict(string message) => new("ConflictException", message, 409);
}
