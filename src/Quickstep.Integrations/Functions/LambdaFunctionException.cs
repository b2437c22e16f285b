namespace Quickstep.Integrations.Functions;

/// <summary>
/// Thrown by an in-process function to fail the way a Lambda function fails: the Task's error is
/// <see cref="ErrorType"/> and its cause the Lambda error JSON with <see cref="ErrorMessage"/>.
/// </summary>
public sealed class LambdaFunctionException : Exception
{
    public LambdaFunctionException()
        : this("Exception", string.Empty)
    {
    }

    public LambdaFunctionException(string message)
        : this("Exception", message)
    {
    }

    public LambdaFunctionException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = "Exception";
        ErrorMessage = message ?? string.Empty;
    }

    public LambdaFunctionException(string errorType, string errorMessage)
        : base(errorMessage)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        ErrorType = errorType;
        ErrorMessage = errorMessage ?? string.Empty;
    }

    /// <summary>The Lambda <c>errorType</c>: the Task's error name, which Retry and Catch match.</summary>
    public string ErrorType { get; }

    /// <summary>The Lambda <c>errorMessage</c>.</summary>
    public string ErrorMessage { get; }
}
