using System.Diagnostics.CodeAnalysis;

namespace Quickstep.Server.Api;

/// <summary>Throw helpers for the error codes of the Step Functions API, with AWS's message texts where known.</summary>
internal static class ApiErrors
{
    [DoesNotReturn]
    public static void Validation(string message) => throw new ApiException("ValidationException", message);

    [DoesNotReturn]
    public static void Missing(string field) => throw new ApiException("ValidationException", $"1 validation error detected: Value null at '{field}' failed to satisfy constraint: Member must not be null");

    [DoesNotReturn]
    public static void InvalidArn(string arn, string? reason = null) =>
        throw new ApiException("InvalidArn", reason is null ? $"Invalid Arn: '{arn}'" : $"Invalid Arn: '{reason}'");

    [DoesNotReturn]
    public static void InvalidName(string name) => throw new ApiException("InvalidName", $"Invalid Name: '{name}'");

    [DoesNotReturn]
    public static void StateMachineDoesNotExist(string arn) => throw new ApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");

    [DoesNotReturn]
    public static void ExecutionDoesNotExist(string arn) => throw new ApiException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");

    [DoesNotReturn]
    public static void ResourceNotFound(string arn) => throw new ApiException("ResourceNotFound", $"Resource not found: '{arn}'");

    [DoesNotReturn]
    public static void InvalidToken(string token) => throw new ApiException("InvalidToken", $"Invalid Token: '{token}'");
}
