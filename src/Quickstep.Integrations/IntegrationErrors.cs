namespace Quickstep.Integrations;

/// <summary>Error names the integrations report, in one place (see each constant for its source).</summary>
internal static class IntegrationErrors
{
    /// <summary>Unknown function; recorded: error_handling/test_task_service_lambda_test_no_such_function_catch.</summary>
    public const string LambdaResourceNotFound = "Lambda.ResourceNotFoundException";

    /// <summary>A function failed without reporting an error type (AWS: "The cause could not be determined …").</summary>
    public const string LambdaUnknown = "Lambda.Unknown";

    /// <summary>A lambda:invoke Payload string that is not JSON text (Lambda's InvalidRequestContentException).</summary>
    public const string LambdaInvalidRequestContent = "Lambda.InvalidRequestContentException";

    /// <summary>A lambda:invoke argument Lambda rejects (bad Qualifier, InvocationType).</summary>
    public const string LambdaInvalidParameterValue = "Lambda.InvalidParameterValueException";

    /// <summary>A FunctionName Lambda's request validation rejects.</summary>
    public const string LambdaValidation = "Lambda.AWSLambdaException";
}
