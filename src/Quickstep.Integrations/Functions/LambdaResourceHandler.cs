using Quickstep.Asl.Errors;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// Serves Lambda Task resources from a <see cref="LambdaFunctionRegistry"/>:
/// <list type="bullet">
/// <item><c>arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]</c>: the task input is the event;
/// the result is the function's payload; a function error's cause is its error JSON verbatim.</item>
/// <item><c>arn:aws:states:::lambda:invoke</c>: arguments <c>FunctionName</c> (name, partial or full
/// ARN), <c>Payload</c> (absent or null: <c>{}</c>; a string is the payload's JSON text),
/// <c>Qualifier</c>, <c>InvocationType</c>; the result is Lambda's Invoke response envelope
/// (<c>ExecutedVersion</c>, <c>Payload</c>, <c>SdkHttpMetadata</c>, <c>SdkResponseMetadata</c>, <c>StatusCode</c>).</item>
/// </list>
/// An unknown function fails with <c>Lambda.ResourceNotFoundException</c> and AWS's cause.
/// </summary>
public sealed class LambdaResourceHandler : IResourceHandler
{
    /// <summary>The optimized Lambda integration's resource.</summary>
    public const string InvokeResource = "arn:aws:states:::lambda:invoke";

    private readonly LambdaFunctionRegistry _registry;
    private readonly IRequestIdSource _requestIds;
    private readonly TimeProvider _time;
    private readonly string _defaultRegion;
    private readonly string _defaultAccount;
    private readonly ILambdaEventQueue? _eventQueue;
    private readonly ResourceCache<LambdaFunctionReference> _resources = new(static resource => LambdaFunctionReference.TryParseArn(resource, out var reference) ? reference : null);

    public LambdaResourceHandler(LambdaFunctionRegistry registry, LambdaResourceHandlerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new LambdaResourceHandlerOptions();
        _registry = registry;
        _requestIds = options.RequestIds ?? GuidRequestIdSource.Instance;
        _time = options.TimeProvider ?? TimeProvider.System;
        _defaultRegion = options.DefaultRegion;
        _defaultAccount = options.DefaultAccountId;
        _eventQueue = options.EventQueue;
    }

    public bool CanHandle(string resource) =>
        resource is not null && (resource == InvokeResource || _resources.Get(resource) is not null);

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        if (request.Resource == InvokeResource)
            return InvokeIntegrationAsync(request, cancellationToken);

        var reference = _resources.Get(request.Resource);
        if (reference is null)
        {
            return new(TaskResult.Failure(StatesErrors.Runtime,
                $"The resource '{request.Resource}' is not a Lambda function ARN nor '{InvokeResource}'."));
        }

        var function = _registry.Find(reference, reference.Region!, reference.Account!);
        if (function is null)
            return new(NotFound(reference, reference.Region!, reference.Account!));

        var pending = function.InvokeAsync(request.Parameters, cancellationToken);
        return pending.IsCompletedSuccessfully ? new(FromFunction(pending.Result)) : AwaitFunctionAsync(pending);
    }

    private async ValueTask<TaskResult> AwaitFunctionAsync(ValueTask<LambdaInvocationResult> pending) =>
        FromFunction(await pending.ConfigureAwait(false));

    private TaskResult FromFunction(LambdaInvocationResult result) =>
        result.Error is { } error
            ? error.ServiceCode is { } code
                ? LambdaApiError(error.ErrorType, error.ServiceStatusCode, code, error.ErrorMessage)
                : TaskResult.Failure(error.ErrorType, error.ToCause(_requestIds.NextRequestId(), compact: false))
            : TaskResult.Success(result.Payload ?? JValue.Null);

    private ValueTask<TaskResult> InvokeIntegrationAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        if (request.Parameters is not JObject arguments)
            return new(TaskFailures.NotAnObject(request.Parameters));
        if (!arguments.TryGetValue("FunctionName", out var nameValue))
            return new(TaskFailures.Unusable(arguments, "The field \"FunctionName\" is required but was missing"));
        if (nameValue is not JString { Value: var functionName })
            return new(TaskFailures.Unusable(arguments, "The field \"FunctionName\" must be a string"));
        if (!LambdaFunctionReference.TryParseFunctionName(functionName, out var reference))
        {
            return new(LambdaApiError(IntegrationErrors.LambdaValidation, 400, "ValidationException",
                $"1 validation error detected: Value '{functionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{{2}}(-gov)?-[a-z]+-\\d{{1}}:)?(\\d{{12}}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?"));
        }

        var qualifier = reference.Qualifier;
        if (arguments.TryGetValue("Qualifier", out var qualifierValue) && qualifierValue is not JNull)
        {
            if (qualifierValue is not JString { Value: var given })
                return new(TaskFailures.Unusable(arguments, "The field \"Qualifier\" must be a string"));
            if (qualifier is not null && qualifier != given)
            {
                return new(LambdaApiError(IntegrationErrors.LambdaInvalidParameterValue, 400, "InvalidParameterValueException",
                    "The derived qualifier from the function name does not match the specified qualifier."));
            }

            qualifier = given;
        }

        var invocationType = "RequestResponse";
        if (arguments.TryGetValue("InvocationType", out var typeValue) && typeValue is not JNull)
        {
            if (typeValue is not JString { Value: "RequestResponse" or "Event" or "DryRun" } type)
                return new(NotInEnum(typeValue, "invocationType", "Event, RequestResponse, DryRun"));
            invocationType = type.Value;
        }

        var tail = false;
        if (arguments.TryGetValue("LogType", out var logTypeValue) && logTypeValue is not JNull)
        {
            if (logTypeValue is not JString { Value: "None" or "Tail" } logType)
                return new(NotInEnum(logTypeValue, "logType", "None, Tail"));
            tail = logType.Value == "Tail";
        }

        JValue payload = JObject.Empty;
        if (arguments.TryGetValue("Payload", out var payloadValue) && payloadValue is not JNull)
        {
            if (payloadValue is JString { Value: var payloadText })
            {
                // A string is the request body itself (recorded: test_invoke_json_values, Payload "true" → true).
                if (!JsonText.TryParse(payloadText, out var parsed, out var parseError) || parsed is null)
                {
                    return new(LambdaApiError(IntegrationErrors.LambdaInvalidRequestContent, 400, "InvalidRequestContentException",
                        $"Could not parse request body into json: Could not parse payload into json: {parseError}"));
                }

                payload = parsed;
            }
            else
            {
                payload = payloadValue;
            }
        }

        RegionAndAccount(request.ExecutionArn, out var region, out var account);
        var function = _registry.Find(reference, region, account);
        if (function is null)
            return new(NotFound(reference, region, account, qualifier));

        switch (invocationType)
        {
            case "DryRun":
                return new(TaskResult.Success(Envelope(JString.Empty, 204, null)));
            case "Event":
                if (_eventQueue is not null)
                    return EnqueueAsync(functionName, qualifier, payload, cancellationToken);
                _ = RunDetachedAsync(function, payload);
                return new(TaskResult.Success(Envelope(JString.Empty, 202, null)));
        }

        var version = LambdaInvokeEnvelope.ExecutedVersion(qualifier);
        var requestId = _requestIds.NextRequestId();
        var pending = function.InvokeAsync(payload, new LambdaInvocation { RequestId = requestId, WantsLog = tail }, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? new(FromInvoke(pending.Result, version, tail, requestId))
            : AwaitInvokeAsync(pending, version, tail, requestId);
    }

    private async ValueTask<TaskResult> EnqueueAsync(string functionName, string? qualifier, JValue payload, CancellationToken cancellationToken)
    {
        await _eventQueue!.EnqueueAsync(functionName, qualifier, payload, cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(Envelope(JString.Empty, 202, null));
    }

    private async ValueTask<TaskResult> AwaitInvokeAsync(ValueTask<LambdaInvocationResult> pending, string version, bool tail, string requestId) =>
        FromInvoke(await pending.ConfigureAwait(false), version, tail, requestId);

    private TaskResult FromInvoke(LambdaInvocationResult result, string version, bool tail, string requestId)
    {
        if (result.Error is { } error)
        {
            return error.ServiceCode is { } code
                ? LambdaApiError(error.ErrorType, error.ServiceStatusCode, code, error.ErrorMessage)
                : TaskResult.Failure(error.ErrorType, error.ToCause(requestId, compact: true));
        }

        return TaskResult.Success(Envelope(result.Payload ?? JValue.Null, 200, version, tail, requestId, result.Log));
    }

    private JObject Envelope(JValue payload, int statusCode, string? version, bool tail = false, string? requestId = null, string? log = null)
    {
        requestId ??= _requestIds.NextRequestId();
        return LambdaInvokeEnvelope.Build(payload, statusCode, version, requestId, _time.GetUtcNow(),
            statusCode == 200 ? PythonJson.Length(payload) : 0, tail && version is not null ? log ?? LambdaInvokeEnvelope.LogTail(requestId, version) : null);
    }

    private static async Task RunDetachedAsync(LambdaFunction function, JValue payload)
    {
        try
        {
            await function.InvokeAsync(payload, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // an Event invocation's outcome is nobody's to observe, as on AWS
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Recorded: error_handling/test_task_service_lambda_test_no_such_function_catch.</summary>
    private TaskResult NotFound(LambdaFunctionReference reference, string region, string account, string? qualifier = null)
    {
        var arn = reference.UnqualifiedArn
            ?? LambdaFunctionReference.BuildArn(reference.Partition ?? "aws", reference.Region ?? region, reference.Account ?? account, reference.Name);
        return LambdaApiError(IntegrationErrors.LambdaResourceNotFound, 404, "ResourceNotFoundException",
            $"Function not found: {arn}:{qualifier ?? reference.Qualifier ?? "$LATEST"}");
    }

    /// <summary>An argument outside the values Lambda's request validation allows for <paramref name="member"/>.</summary>
    private TaskResult NotInEnum(JValue value, string member, string allowed) =>
        LambdaApiError(IntegrationErrors.LambdaValidation, 400, "ValidationException",
            $"1 validation error detected: Value '{(value is JString s ? s.Value : JsonText.Serialize(value))}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{allowed}]");

    /// <summary>A Lambda API error as Step Functions reports it: the AWS SDK's exception text.</summary>
    private TaskResult LambdaApiError(string error, int status, string code, string message) =>
        TaskResult.Failure(error,
            $"{message} (Service: AWSLambda; Status Code: {status}; Error Code: {code}; Request ID: {_requestIds.NextRequestId()}; Proxy: null)");

    private void RegionAndAccount(string executionArn, out string region, out string account)
    {
        // arn:PARTITION:states:REGION:ACCOUNT:execution:… (or express:…)
        region = _defaultRegion;
        account = _defaultAccount;
        if (executionArn is null || !executionArn.StartsWith("arn:", StringComparison.Ordinal))
            return;
        var parts = executionArn.Split(':', 6);
        if (parts.Length == 6 && parts[3].Length > 0 && parts[4].Length == 12)
        {
            region = parts[3];
            account = parts[4];
        }
    }
}
