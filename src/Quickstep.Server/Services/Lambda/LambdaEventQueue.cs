using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Aws.Targets;
using Quickstep.Integrations.Functions;
using Quickstep.Json;
using Quickstep.Services.Sns;

namespace Quickstep.Server.Services.Lambda;

/// <summary>
/// Lambda's asynchronous invocations (InvocationType Event, SNS deliveries), queued durably in an SQS queue of this
/// server's store (<see cref="QueueName"/>), as Lambda queues them internally, and run by one poller. An invocation
/// refused for concurrency stays queued and is retried when its visibility timeout ends. One whose function fails is
/// retried up to the function's MaximumRetryAttempts (default 2) after Lambda's waits, then its invocation record goes
/// to the function's onFailure destination or is dropped with a log line.
/// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
/// </summary>
internal sealed class LambdaEventQueue : ILambdaEventQueue, ILambdaDeliveryTarget, IAsyncDisposable
{
    /// <summary>The queue that holds them (it shows in ListQueues).</summary>
    public const string QueueName = "quickstep-lambda-async-invocations";

    private readonly IAwsService _sqs;
    private readonly LambdaService _lambda;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _running = new(64);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _queueUrl;
    private Task? _poller;

    private readonly TimeProvider _time;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;

    public LambdaEventQueue(IAwsService sqs, LambdaService lambda, ILogger logger, TimeProvider time, IReadOnlyList<TimeSpan>? retryDelays = null)
    {
        _time = time;
        _retryDelays = retryDelays is { Count: > 0 } ? retryDelays : [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];
        _sqs = sqs;
        _lambda = lambda;
        _logger = logger;
    }

    /// <summary>Resumes the invocations a previous run left queued; the queue itself is created by the first Event invocation.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var found = await _sqs.InvokeAsync("GetQueueUrl", new JObjectBuilder(1).Set("QueueName", JString.Create(QueueName)).Build(), cancellationToken).ConfigureAwait(false);
            Begin(((JString)((JObject)found)["QueueUrl"]!).Value);
        }
        catch (AwsServiceException)
        {
            // No queue yet: nothing was ever queued.
        }
    }

    private async ValueTask<string> QueueUrlAsync(CancellationToken cancellationToken)
    {
        if (_queueUrl is { } url)
            return url;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_queueUrl is null)
            {
                var created = await _sqs.InvokeAsync("CreateQueue", new JObjectBuilder(2)
                    .Set("QueueName", JString.Create(QueueName))
                    .Set("Attributes", new JObjectBuilder(1).Set("VisibilityTimeout", JString.Create("960")).Build())
                    .Build(), cancellationToken).ConfigureAwait(false);
                Begin(((JString)((JObject)created)["QueueUrl"]!).Value);
            }

            return _queueUrl!;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Begin(string queueUrl)
    {
        _queueUrl = queueUrl;
        _poller = PollAsync(_stopping.Token);
    }

    /// <summary>Where a failed invocation's record goes (the server's target invoker); set once the server runs.</summary>
    public ITargetInvoker? Targets { get; set; }

    public async ValueTask EnqueueAsync(string functionName, string? qualifier, JValue payload, CancellationToken cancellationToken)
    {
        var body = new JObjectBuilder(5).Set("FunctionName", JString.Create(functionName));
        if (qualifier is not null)
            body.Set("Qualifier", JString.Create(qualifier));
        body.Set("Payload", JString.Create(JsonText.Serialize(payload)))
            .Set("RequestId", JString.Create(Guid.NewGuid().ToString("D")))
            .Set("Attempt", JNumber.Create(1));
        await SendAsync(body.Build(), 0, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendAsync(JObject body, int delaySeconds, CancellationToken cancellationToken)
    {
        var queueUrl = await QueueUrlAsync(cancellationToken).ConfigureAwait(false);
        var send = new JObjectBuilder(3)
            .Set("QueueUrl", JString.Create(queueUrl))
            .Set("MessageBody", JString.Create(JsonText.Serialize(body)));
        if (delaySeconds > 0)
            send.Set("DelaySeconds", JNumber.Create(delaySeconds));
        await _sqs.InvokeAsync("SendMessage", send.Build(), cancellationToken).ConfigureAwait(false);
    }

    public Task InvokeAsync(string functionArn, string eventJson, CancellationToken cancellationToken) =>
        EnqueueAsync(functionArn, null, JsonText.Parse(eventJson), cancellationToken).AsTask();

    private async Task PollAsync(CancellationToken stopping)
    {
        var receive = new JObjectBuilder(3)
            .Set("QueueUrl", JString.Create(_queueUrl!))
            .Set("MaxNumberOfMessages", JNumber.Create(10))
            .Set("WaitTimeSeconds", JNumber.Create(20))
            .Build();
        while (!stopping.IsCancellationRequested)
        {
            // Never continue inline in whoever completed the last receive (SqsService.Stop among them).
            await Task.Yield();
            JValue answer;
            try
            {
                answer = await _sqs.InvokeAsync("ReceiveMessage", receive, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (AwsServiceException e)
            {
                LambdaLog.QueueFailed(_logger, e.Message);
                return;
            }

            if (answer is not JObject { } o || o["Messages"] is not JArray { Count: > 0 } messages)
            {
                // An empty answer before the long poll's end means SQS is stopping: yield (its Stop may be running this
                // loop inline) and look again a little later instead of spinning.
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            foreach (var message in messages)
            {
                await _running.WaitAsync(stopping).ConfigureAwait(false);
                _ = RunAsync((JObject)message, stopping);
            }
        }
    }

    private async Task RunAsync(JObject message, CancellationToken stopping)
    {
        try
        {
            var request = (JObject)JsonText.Parse(((JString)message["Body"]!).Value);
            var input = new JObjectBuilder(3).Set("FunctionName", request["FunctionName"]!);
            if (request["Qualifier"] is { } qualifier)
                input.Set("Qualifier", qualifier);
            input.Set("Payload", request["Payload"]!);
            // Messages queued before retries existed carry neither: a fresh id, first attempt.
            var requestId = request["RequestId"] is JString { Value: var id } ? id : Guid.NewGuid().ToString("D");
            try
            {
                var result = await _lambda.InvokeAsync(input.Build(), requestId, stopping).ConfigureAwait(false);
                if (result is JObject { } r && r["FunctionError"] is JString functionError)
                    await FailedAsync(request, requestId, 200, functionError.Value, ((JString)r["Payload"]!).Value, stopping).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.Code == "TooManyRequestsException")
            {
                // Left in the queue: it comes back after the visibility timeout, as Lambda retries throttled events.
                return;
            }
            catch (AwsServiceException e)
            {
                var error = JsonText.Serialize(new JObjectBuilder(2).Set("errorMessage", JString.Create(e.Message)).Set("errorType", JString.Create(e.Code)).Build());
                await FailedAsync(request, requestId, e.StatusCode, null, error, stopping).ConfigureAwait(false);
            }

            await _sqs.InvokeAsync("DeleteMessage", new JObjectBuilder(2)
                .Set("QueueUrl", JString.Create(_queueUrl!))
                .Set("ReceiptHandle", message["ReceiptHandle"]!)
                .Build(), stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the message stays queued for the next start.
        }
#pragma warning disable CA1031 // one bad message must not stop the others
        catch (Exception e)
#pragma warning restore CA1031
        {
            LambdaLog.QueueFailed(_logger, e.Message);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>A failed attempt: queue the next one after Lambda's wait, or hand the record to the destination, or drop it.</summary>
    private async Task FailedAsync(JObject request, string requestId, int statusCode, string? functionError, string responsePayload, CancellationToken stopping)
    {
        var name = ((JString)request["FunctionName"]!).Value;
        var attempt = request["Attempt"] is JNumber { Value: >= 1 and var n } ? (int)n : 1;
        if (!_lambda.TryGetFunction(name, out var entry, out var functionArn))
        {
            LambdaLog.AsyncDropped(_logger, requestId, name, attempt, responsePayload);
            return;
        }

        var settings = entry.Settings;
        if (attempt <= settings.MaximumRetryAttempts)
        {
            var delay = _retryDelays[Math.Min(attempt - 1, _retryDelays.Count - 1)];
            var seconds = (int)Math.Clamp(Math.Ceiling(delay.TotalSeconds), 0, 900);
            LambdaLog.AsyncRetrying(_logger, requestId, name, attempt, settings.MaximumRetryAttempts + 1, seconds, responsePayload);
            await SendAsync(request.With("Attempt", JNumber.Create(attempt + 1)), seconds, stopping).ConfigureAwait(false);
            return;
        }

        if (settings.OnFailure is not { } destination)
        {
            LambdaLog.AsyncDropped(_logger, requestId, name, attempt, responsePayload);
            return;
        }

        var record = InvocationRecord(request, requestId, functionArn, attempt, statusCode, functionError, responsePayload);
        // An event bus gets it as an event from "lambda", as Lambda's destinations send it.
        var input = destination.Split(':', 6) is [_, _, "events", ..]
            ? new JObjectBuilder(4).Set("source", JString.Create("lambda")).Set("detail-type", JString.Create("Lambda Function Invocation Result - Failure"))
                .Set("resources", JArray.Own([JString.Create(functionArn + ":$LATEST")])).Set("detail", record).Build()
            : record;
        try
        {
            if (Targets is null)
                throw new AwsServiceException("ServiceException", "the server's targets are not ready");
            await Targets.InvokeAsync(new TargetRequest(destination, JsonText.Serialize(input)), stopping).ConfigureAwait(false);
            LambdaLog.AsyncToDestination(_logger, requestId, name, attempt, destination);
        }
        catch (AwsServiceException e)
        {
            LambdaLog.DestinationFailed(_logger, requestId, name, destination, e.Message);
        }
    }

    /// <summary>Lambda's invocation record for a destination. https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html</summary>
    private JObject InvocationRecord(JObject request, string requestId, string functionArn, int attempts, int statusCode, string? functionError, string responsePayload)
    {
        var payloadText = request["Payload"] is JString { Value: var p } ? p : "{}";
        var requestPayload = JsonText.TryParse(payloadText, out var parsedRequest, out _) && parsedRequest is not null ? parsedRequest : JString.Create(payloadText);
        var responseValue = JsonText.TryParse(responsePayload, out var parsedResponse, out _) && parsedResponse is not null ? parsedResponse : JString.Create(responsePayload);
        var response = new JObjectBuilder(3).Set("statusCode", JNumber.Create(statusCode)).Set("executedVersion", JString.Create("$LATEST"));
        if (functionError is not null)
            response.Set("functionError", JString.Create(functionError));
        return new JObjectBuilder(6)
            .Set("version", JString.Create("1.0"))
            .Set("timestamp", JString.Create(_time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)))
            .Set("requestContext", new JObjectBuilder(4)
                .Set("requestId", JString.Create(requestId))
                .Set("functionArn", JString.Create(functionArn + ":$LATEST"))
                .Set("condition", JString.Create("RetriesExhausted"))
                .Set("approximateInvokeCount", JNumber.Create(attempts))
                .Build())
            .Set("requestPayload", requestPayload)
            .Set("responseContext", response.Build())
            .Set("responsePayload", responseValue)
            .Build();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_poller is not null)
            await _poller.ConfigureAwait(false);
        _stopping.Dispose();
        _gate.Dispose();
        _running.Dispose();
    }
}
