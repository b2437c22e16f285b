using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Integrations.Functions;
using Quickstep.Json;
using Quickstep.Services.Sns;

namespace Quickstep.Server.Services.Lambda;

/// <summary>
/// Lambda's asynchronous invocations (InvocationType Event, SNS deliveries), queued durably in an SQS queue of this
/// server's store (<see cref="QueueName"/>), as Lambda queues them internally, and run by one poller. An invocation
/// refused for concurrency stays queued and is retried when its visibility timeout ends.
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

    public LambdaEventQueue(IAwsService sqs, LambdaService lambda, ILogger logger, TimeProvider time)
    {
        _time = time;
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

    public async ValueTask EnqueueAsync(string functionName, string? qualifier, JValue payload, CancellationToken cancellationToken)
    {
        var body = new JObjectBuilder(3).Set("FunctionName", JString.Create(functionName));
        if (qualifier is not null)
            body.Set("Qualifier", JString.Create(qualifier));
        body.Set("Payload", JString.Create(JsonText.Serialize(payload)));
        var queueUrl = await QueueUrlAsync(cancellationToken).ConfigureAwait(false);
        await _sqs.InvokeAsync("SendMessage", new JObjectBuilder(2)
            .Set("QueueUrl", JString.Create(queueUrl))
            .Set("MessageBody", JString.Create(JsonText.Serialize(body.Build())))
            .Build(), cancellationToken).ConfigureAwait(false);
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
            try
            {
                var result = await _lambda.InvokeAsync(input.Build(), Guid.NewGuid().ToString("D"), stopping).ConfigureAwait(false);
                if (result is JObject { } r && r["FunctionError"] is JString)
                    LambdaLog.AsyncFailed(_logger, ((JString)request["FunctionName"]!).Value, ((JString)r["Payload"]!).Value);
            }
            catch (AwsServiceException e) when (e.Code == "TooManyRequestsException")
            {
                // Left in the queue: it comes back after the visibility timeout, as Lambda retries throttled events.
                return;
            }
            catch (AwsServiceException e)
            {
                LambdaLog.AsyncFailed(_logger, ((JString)request["FunctionName"]!).Value, e.Message);
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
