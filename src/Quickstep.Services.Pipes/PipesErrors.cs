using Quickstep.Aws;

namespace Quickstep.Services.Pipes;

/// <summary>EventBridge Pipes' errors with the status of each in the service model.</summary>
internal static class PipesErrors
{
    public static AwsServiceException Validation(string message) => new("ValidationException", message, 400);

    public static AwsServiceException NotFound(string name) => new("NotFoundException", $"Pipe {name} does not exist.", 404);

    public static AwsServiceException Conflict(string name) => new("ConflictException", $"Pipe {name} already exists.", 409);
}
