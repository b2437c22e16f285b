using System.Net.Sockets;
using Quickstep.Asl.Errors;
using Quickstep.Aws;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Integrations.AwsSdk;

/// <summary>
/// Serves the Task resources that call SQS, SNS, EventBridge and S3 through each service's <see cref="IAwsService"/>
/// (the local service in process, or a forwarding client that calls a configured endpoint):
/// <list type="bullet">
/// <item><c>arn:aws:states:::aws-sdk:sqs|sns|eventbridge|s3:action</c>: the arguments are the operation's input
/// (PascalCase members; the camelCase action names the PascalCase operation), the result is its output; errors are
/// <c>Sqs.QueueDoesNotExistException</c>-style names with the Java SDK 2.x message as the cause.</item>
/// <item><c>arn:aws:states:::sqs:sendMessage</c>, <c>sns:publish</c>, <c>events:putEvents</c>: the optimized
/// integrations with their own request and result shapes (see <see cref="OptimizedIntegrations"/>); a putEvents with
/// failed entries fails with <c>EventBridge.FailedEntry</c>.</item>
/// </list>
/// A resource is served only when its service is configured; mocks answer before this handler (it sits inside the chain).
/// </summary>
public sealed class AwsServiceResourceHandler : IResourceHandler
{
    /// <summary>Error of a putEvents call where some entries failed (its cause is the PutEvents output).</summary>
    public const string EventBridgeFailedEntry = "EventBridge.FailedEntry";

    private readonly Dictionary<string, IAwsService> _services;
    private readonly IRequestIdSource _requestIds;
    private readonly TimeProvider _time;
    private readonly ResourceCache<AwsTaskResource> _resources = new(AwsTaskResource.Parse);

    /// <param name="services">One per service, found by <see cref="IAwsService.SigningName"/> (<c>sqs</c>, <c>sns</c>, <c>events</c>, <c>s3</c>).</param>
    public AwsServiceResourceHandler(IEnumerable<IAwsService> services, AwsServiceResourceHandlerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = new Dictionary<string, IAwsService>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            ArgumentNullException.ThrowIfNull(service, nameof(services));
            _services[service.SigningName] = service;
        }

        options ??= new AwsServiceResourceHandlerOptions();
        _requestIds = options.RequestIds ?? GuidRequestIdSource.Instance;
        _time = options.TimeProvider ?? TimeProvider.System;
    }

    public bool CanHandle(string resource) => Resolve(resource) is { } target && _services.ContainsKey(target.Service.SigningName);

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        if (Resolve(request.Resource) is not { } target || !_services.TryGetValue(target.Service.SigningName, out var service))
        {
            return new(TaskResult.Failure(StatesErrors.Runtime,
                $"The resource '{request.Resource}' of state '{request.StateName}' is not supported: no service is configured for it."));
        }

        if (request.Parameters is not JObject arguments)
            return new(TaskFailures.NotAnObject(request.Parameters));

        var input = arguments;
        if (target.Optimized)
        {
            input = OptimizedIntegrations.Request(target.Operation, arguments, out var missing);
            if (missing is not null)
                return new(Failure(target, new AwsServiceException("MissingParameter", $"The request must contain the parameter {missing}.")));
        }

        return CallAsync(target, service, input, cancellationToken);
    }

    private async ValueTask<TaskResult> CallAsync(AwsTaskResource target, IAwsService service, JObject input, CancellationToken cancellationToken)
    {
        JValue output;
        try
        {
            output = await service.InvokeAsync(target.Operation, input, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            return Failure(target, e);
        }
        catch (HttpRequestException e)
        {
            return ClientFailure(target, e.InnerException is SocketException socket ? socket.Message : e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout, not the Task's: the SDK reports it as a client-side failure.
            return ClientFailure(target, "The request timed out.");
        }

        var result = output as JObject ?? JObject.Empty;
        if (!target.Optimized)
            return TaskResult.Success(result);
        if (target.Service.SigningName == "events")
        {
            return result["FailedEntryCount"] is JNumber { Value: > 0 }
                ? TaskResult.Failure(EventBridgeFailedEntry, JsonText.Serialize(result))
                : TaskResult.Success(result);
        }

        return TaskResult.Success(OptimizedIntegrations.WithSdkMetadata(result, target.Service.SigningName, _requestIds.NextRequestId(), _time.GetUtcNow()));
    }

    private TaskResult Failure(AwsTaskResource target, AwsServiceException e)
    {
        var requestId = _requestIds.NextRequestId();
        var service = target.Service;
        if (target.Optimized)
        {
            // Java SDK 1.x: "message (Service: AmazonSQS; Status Code: 400; Error Code: X; Request ID: Y; Proxy: null)".
            return TaskResult.Failure(service.OptimizedErrorName(e.Code),
                $"{e.Message} (Service: {service.OptimizedClient}; Status Code: {e.StatusCode}; Error Code: {e.QueryErrorCode ?? e.Code}; Request ID: {requestId}; Proxy: null)");
        }

        // Java SDK 2.x: "message (Service: Sqs, Status Code: 400, Request ID: Y)"; S3 adds its extended request id.
        var extended = service.SigningName == "s3" ? $", Extended Request ID: {requestId}" : string.Empty;
        return TaskResult.Failure(service.SdkErrorName(e.Code),
            $"{e.Message} (Service: {service.SdkName}, Status Code: {e.StatusCode}, Request ID: {requestId}{extended})");
    }

    /// <summary>The service could not be reached: the SDK's client exception (recorded: error_handling/test_task_service_sqs_test_send_message_no_such_queue).</summary>
    private static TaskResult ClientFailure(AwsTaskResource target, string message) =>
        TaskResult.Failure((target.Optimized ? target.Service.OptimizedPrefix : target.Service.SdkName) + ".SdkClientException",
            "Unable to execute HTTP request: " + message);

    private AwsTaskResource? Resolve(string resource) => resource is null ? null : _resources.Get(resource);
}
