using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// A function error as AWS Lambda reports it: an <c>errorType</c> (the Task's error name) and an
/// <c>errorMessage</c>. The Task's cause is the Lambda error JSON
/// <c>{"errorMessage", "errorType", "requestId", "stackTrace"}</c> (recorded:
/// error_handling/test_task_lambda_test_raise_custom_exception and its lambda:invoke twin).
/// </summary>
public sealed class LambdaError
{
    private readonly JValue? _printed;
    private readonly string? _printedText;
    private readonly string? _plainCause;

    public LambdaError(string errorType, string errorMessage, IReadOnlyList<string>? stackTrace = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        ArgumentNullException.ThrowIfNull(errorMessage);
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        StackTrace = stackTrace ?? [];
    }

    private LambdaError(string errorType, string errorMessage, JValue? printed, string? printedText, string? plainCause)
    {
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        StackTrace = [];
        _printed = printed;
        _printedText = printedText;
        _plainCause = plainCause;
    }

    public string ErrorType { get; }

    public string ErrorMessage { get; }

    public IReadOnlyList<string> StackTrace { get; }

    /// <summary>An error object a function printed itself (command functions): its text is the cause.</summary>
    internal static LambdaError FromPrinted(string errorType, string errorMessage, JValue printed, string printedText) =>
        new(errorType, errorMessage, printed, printedText, null);

    /// <summary>A failure without an error type: error <c>Lambda.Unknown</c> with a plain-text cause.</summary>
    internal static LambdaError Unknown(string cause) =>
        new(IntegrationErrors.LambdaUnknown, cause, null, null, cause);

    /// <summary>
    /// The Task's cause. A Lambda-ARN Task passes the function's error payload on verbatim (the Python
    /// runtime writes <c>", "</c> and <c>": "</c> separators); lambda:invoke re-serializes it compactly
    /// (both recorded in error_handling/test_task*_lambda_test_raise_custom_exception).
    /// </summary>
    internal string ToCause(string requestId, bool compact)
    {
        if (_plainCause is not null)
            return _plainCause;
        if (_printed is not null)
            return compact ? JsonText.Serialize(_printed) : _printedText!;

        var stack = new JValue[StackTrace.Count];
        for (var i = 0; i < stack.Length; i++)
            stack[i] = JString.Create(StackTrace[i]);
        var payload = new JObjectBuilder(4)
            .Set("errorMessage", JString.Create(ErrorMessage))
            .Set("errorType", JString.Create(ErrorType))
            .Set("requestId", JString.Create(requestId))
            .Set("stackTrace", JArray.Own(stack))
            .Build();
        return compact ? JsonText.Serialize(payload) : PythonJson.Serialize(payload);
    }

    /// <summary>How an in-process exception becomes a Lambda error (the .NET runtime reports the type's short name).</summary>
    internal static LambdaError FromException(Exception exception)
    {
        if (exception is LambdaFunctionException lambda)
            return new LambdaError(lambda.ErrorType, lambda.ErrorMessage);
        var lines = exception.StackTrace is { } trace
            ? trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        return new LambdaError(exception.GetType().Name, exception.Message, lines);
    }
}
