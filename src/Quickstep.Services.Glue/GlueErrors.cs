using Quickstep.Aws;

namespace Quickstep.Services.Glue;

/// <summary>Glue's errors (the error shapes of glue/2017-03-31/service-2.json), all answered with HTTP 400.</summary>
internal static class GlueErrors
{
    public static AwsServiceException InvalidInput(string message) => new("InvalidInputException", message);

    public static AwsServiceException Missing(string member) =>
        InvalidInput($"1 validation error detected: Value null at '{Camel(member)}' failed to satisfy constraint: Member must not be null");

    public static AwsServiceException JobNotFound(string name) => new("EntityNotFoundException", $"Job with name: {name} not found");

    public static AwsServiceException RunNotFound(string runId) => new("EntityNotFoundException", $"Job Run with id: {runId} not found");

    public static AwsServiceException AlreadyExists(string name) => new("AlreadyExistsException", $"Job with name: {name} already exists");

    public static AwsServiceException ConcurrentRunsExceeded(string name) => new("ConcurrentRunsExceededException", $"Concurrent runs exceeded for {name}");

    public static AwsServiceException UnknownOperation(string operation) =>
        new("UnknownOperationException", $"The operation {operation} is not supported by Quickstep's Glue (jobs and job runs only).");

    private static string Camel(string member) => char.ToLowerInvariant(member[0]) + member[1..];
}
