using Quickstep.Json;

namespace Quickstep.Aws.Targets;

/// <summary>
/// An <see cref="ITargetInvoker"/> over the services of one server, found by signing name when a delivery is made
/// (so services registered after this invoker was created are reachable).
/// </summary>
public sealed class ServiceTargetInvoker : ITargetInvoker
{
    private readonly IReadOnlyDictionary<string, IAwsService> _services;

    public ServiceTargetInvoker(IReadOnlyDictionary<string, IAwsService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    public async ValueTask<JValue> InvokeAsync(TargetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arn = TargetArn.Parse(request.Arn);
        switch (arn.Service)
        {
            case "states" when arn.Resource.StartsWith("stateMachine:", StringComparison.Ordinal):
                {
                    var input = Object(("stateMachineArn", request.Arn), ("input", request.Input), ("name", request.ExecutionName));
                    return await Service("states", request.Arn).InvokeAsync(request.Synchronous ? "StartSyncExecution" : "StartExecution", input, cancellationToken).ConfigureAwait(false);
                }

            case "sqs":
                {
                    var sqs = Service("sqs", request.Arn);
                    var url = await sqs.InvokeAsync("GetQueueUrl", Object(("QueueName", arn.Resource), ("QueueOwnerAWSAccountId", arn.Account)), cancellationToken).ConfigureAwait(false);
                    var queueUrl = url is JObject o && o["QueueUrl"] is JString s ? s.Value : throw new AwsServiceException("InternalFailure", $"GetQueueUrl gave no URL for {request.Arn}.", 500, false);
                    return await sqs.InvokeAsync("SendMessage", Object(("QueueUrl", queueUrl), ("MessageBody", request.Input), ("MessageGroupId", request.MessageGroupId)), cancellationToken).ConfigureAwait(false);
                }

            case "sns":
                return await Service("sns", request.Arn).InvokeAsync("Publish", Object(("TopicArn", request.Arn), ("Message", request.Input), ("MessageGroupId", request.MessageGroupId)), cancellationToken).ConfigureAwait(false);

            case "events" when arn.Resource.StartsWith("event-bus/", StringComparison.Ordinal):
                return await Service("events", request.Arn).InvokeAsync("PutEvents", BusEntry(request), cancellationToken).ConfigureAwait(false);

            case "lambda" when arn.Resource.StartsWith("function:", StringComparison.Ordinal):
                {
                    var input = Object(("FunctionName", request.Arn), ("InvocationType", request.Synchronous ? "RequestResponse" : "Event"), ("Payload", request.Input));
                    return await Service("lambda", request.Arn).InvokeAsync("Invoke", input, cancellationToken).ConfigureAwait(false);
                }

            default:
                throw new AwsServiceException("ValidationException", $"Target '{request.Arn}' is not supported: targets are state machines, SQS queues, SNS topics, event buses and Lambda functions.");
        }
    }

    /// <summary>An event sent on to another bus keeps its source, detail-type, detail and resources (EventBridge's bus-to-bus target).</summary>
    private static JObject BusEntry(TargetRequest request)
    {
        JValue parsed;
        try
        {
            parsed = JsonText.Parse(request.Input);
        }
        catch (JsonTextException e)
        {
            throw new AwsServiceException("ValidationException", $"The input for event bus target '{request.Arn}' is not an event: {e.Message}");
        }

        if (parsed is not JObject ev || ev["source"] is not JString source || ev["detail-type"] is not JString detailType)
            throw new AwsServiceException("ValidationException", $"The input for event bus target '{request.Arn}' is not an event (it needs 'source' and 'detail-type').");
        var entry = Object(("EventBusName", request.Arn), ("Source", source.Value), ("DetailType", detailType.Value), ("Detail", ev["detail"] is { } detail ? detail.ToJson() : "{}"));
        if (ev["resources"] is JArray resources)
            entry = entry.With("Resources", resources);
        if (ev["time"] is JString time)
            entry = entry.With("Time", time);
        return Object(("Entries", JArray.Own([entry])));
    }

    private IAwsService Service(string signingName, string arn) =>
        _services.TryGetValue(signingName, out var service) ? service
            : throw new AwsServiceException("ResourceNotFoundException", $"Target '{arn}' cannot be reached: this server does not run the '{signingName}' service.", 404);

    private static JObject Object(params (string Name, object? Value)[] members)
    {
        var list = new List<KeyValuePair<string, JValue>>(members.Length);
        foreach (var (name, value) in members)
        {
            JValue? v = value switch
            {
                null => null,
                string s => JString.Create(s),
                JValue j => j,
                _ => throw new ArgumentException($"unsupported member type {value.GetType()}", nameof(members)),
            };
            if (v is not null)
                list.Add(new(name, v));
        }

        return JObject.Create(list);
    }
}
