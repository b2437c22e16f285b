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
    /// <summary>How AWS begins the cause of a failure that has no error type (<see cref="Unknown"/>).</summary>
    internal const string UnknownCausePrefix = "The cause could not be determined because Lambda did not return an error type.";

    private readonly JValue? _printed;
    private readonly string? _printedText;
    private readonly string? _plainCause;
    private readonly JValue? _apiPayload;

    public LambdaError(string errorType, string errorMessage, IReadOnlyList<string>? stackTrace = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        ArgumentNullException.ThrowIfNull(errorMessage);
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        StackTrace = stackTrace ?? [];
    }

    private LambdaError(string errorType, string errorMessage, JValue? printed, string? printedText, string? plainCause, JValue? apiPayload = null)
    {
        _apiPayload = apiPayload;
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

    /// <summary>A failure the Lambda service itself answers (429 TooManyRequestsException, 500 ServiceException), not the function.</summary>
    internal static LambdaError Service(int statusCode, string code, string message) =>
        new("Lambda." + code, message, null, null, null) { ServiceStatusCode = statusCode, ServiceCode = code };

    /// <summary>
    /// An error Lambda reports for the function (Sandbox.Timedout): the Task's error is <paramref name="errorType"/>
    /// and both its cause and the Invoke payload are the error JSON <c>{"errorType", "errorMessage"}</c>.
    /// </summary>
    internal static LambdaError Platform(string errorType, string errorMessage)
    {
        var payload = new JObjectBuilder(2).Set("errorType", JString.Create(errorType)).Set("errorMessage", JString.Create(errorMessage)).Build();
        return new(errorType, errorMessage, payload, JsonText.Serialize(payload), null);
    }

    /// <summary>
    /// A worker that died during an invocation: the Task sees <c>Lambda.Unknown</c> with <paramref name="cause"/>;
    /// the Invoke API answers <c>{"errorType": "Runtime.ExitError", …}</c> as Lambda does.
    /// </summary>
    internal static LambdaError Crashed(string requestId, string reason)
    {
        var message = $"RequestId: {requestId} Error: {reason}";
        var payload = new JObjectBuilder(2).Set("errorType", JString.Create("Runtime.ExitError")).Set("errorMessage", JString.Create(message)).Build();
        return new(IntegrationErrors.LambdaUnknown, message, null, null,
            UnknownCausePrefix + " Returned payload: " + JsonText.Serialize(payload), payload);
    }

    /// <summary>HTTP status of a <see cref="Service"/> error; 0 for a function error.</summary>
    internal int ServiceStatusCode { get; private init; }

    /// <summary>The Lambda API error code of a <see cref="Service"/> error (<c>TooManyRequestsException</c>); null for a function error.</summary>
    internal string? ServiceCode { get; private init; }

    /// <summary>The Invoke response payload of a function error (the <c>X-Amz-Function-Error</c> body).</summary>
    internal JValue ToPayload(string requestId)
    {
        if (_apiPayload is not null)
            return _apiPayload;
        if (_printed is not null)
            return _printed;
        if (_plainCause is not null)
            return new JObjectBuilder(2).Set("errorType", JString.Create(ErrorType)).Set("errorMessage", JString.Create(_plainCause)).Build();
        return JsonText.Parse(ToCause(requestId, compact: true));
    }

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
