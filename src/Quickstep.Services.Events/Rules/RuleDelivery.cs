using System.Collections.Concurrent;
using System.Threading.Channels;
using Quickstep.Aws;
using Quickstep.Aws.Targets;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Events.Rules;

/// <summary>
/// Delivers accepted events to the targets of the bus's enabled rules, at least once: an event stays undelivered
/// in the store until every matching target took it, went to its dead-letter queue or was given up, so events a
/// stop interrupted are delivered again on the next start. Retries back off on the injected clock
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-event-delivery.html).
/// </summary>
internal sealed class RuleDelivery
{
    private const int DefaultMaxRetries = 185;
    private const int DefaultMaxAgeSeconds = 86_400;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly EventBridgeService _service;
    private readonly IEventBusStore _store;
    private readonly ITargetInvoker _targets;
    private readonly TimeProvider _time;
    private readonly Action<string, Exception>? _onError;
    private readonly Channel<StoredEvent> _events = Channel.CreateUnbounded<StoredEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<long> _delivered = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, byte> _pending = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _matching = Task.CompletedTask;
    private Task _marking = Task.CompletedTask;
    private Task _takingOver = Task.CompletedTask;
    private int _takeOverRunning;

    public RuleDelivery(EventBridgeService service, IEventBusStore store, ITargetInvoker targets, TimeProvider time, Action<string, Exception>? onError)
    {
        _service = service;
        _store = store;
        _targets = targets;
        _time = time;
        _onError = onError;
    }

    /// <summary>Picks up what the store still holds undelivered, then what PutEvents accepts.</summary>
    public void Start()
    {
        _matching = Task.WhenAll(Task.Run(ResumeAsync), Task.Run(MatchLoopAsync));
        _marking = Task.Run(MarkLoopAsync);
    }

    public void Accept(IReadOnlyList<StoredEvent> events)
    {
        foreach (var e in events)
        {
            if (_pending.TryAdd(e.Sequence, 0))
                _events.Writer.TryWrite(e);
        }
    }

    public void BeginStop() => _stopping.Cancel();

    /// <summary>Looks for undelivered events no live node holds (see <see cref="EventBridgeService.TakeOverUndelivered"/>), one look at a time.</summary>
    public void TakeOver()
    {
        if (_stopping.IsCancellationRequested || Interlocked.CompareExchange(ref _takeOverRunning, 1, 0) != 0)
            return;
        _takingOver = Task.Run(async () =>
        {
            try
            {
                await ResumeAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Stopping.
            }
#pragma warning disable CA1031 // a look that failed (database hiccup) is repeated at the next heartbeat.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _onError?.Invoke("taking over undelivered events failed; retried at the next heartbeat", e);
            }
            finally
            {
                Volatile.Write(ref _takeOverRunning, 0);
            }
        });
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _events.Writer.TryComplete();
        try
        {
            await _matching.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what was not delivered stays pending in the store.
        }

        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        await _takingOver.ConfigureAwait(false);
        // Deliveries that finished are marked before the store closes, so a restart does not repeat them.
        _delivered.Writer.TryComplete();
        await _marking.ConfigureAwait(false);
    }

    private async Task ResumeAsync()
    {
        var after = 0L;
        while (!_stopping.IsCancellationRequested)
        {
            var page = await _store.ListUndeliveredEventsAsync(after, 500, _stopping.Token).ConfigureAwait(false);
            if (page.Count == 0)
                return;
            Accept(page);
            after = page[^1].Sequence;
        }
    }

    private async Task MatchLoopAsync()
    {
        var ct = _stopping.Token;
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            // Rules put or deleted through another node sharing the store apply to every event accepted after that.
            try
            {
                await _service.RefreshRulesAsync(ct).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a database hiccup must not stop delivery: it matches with the rules it knows.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                _onError?.Invoke("the rules could not be read again; matching with the rules known", e);
            }

            while (reader.TryRead(out var stored))
                Match(stored, ct);
        }
    }

    private void Match(StoredEvent stored, CancellationToken ct)
    {
        try
        {
            var envelope = (JObject)JsonText.Parse(stored.Json);
            var work = new List<(EventRule Rule, JObject Target)>();
            if (stored.EventBusName.StartsWith(EventBridgeService.ScheduledRunPrefix, StringComparison.Ordinal))
            {
                // A scheduled rule's run goes to that rule's targets only.
                var name = stored.EventBusName[EventBridgeService.ScheduledRunPrefix.Length..];
                foreach (var rule in _service.RulesOf(EventBridgeService.DefaultBus))
                {
                    if (rule.Name == name && rule.Enabled)
                        work.AddRange(rule.Targets.Select(t => (rule, t)));
                }
            }
            else
            {
                foreach (var rule in _service.RulesOf(stored.EventBusName))
                {
                    if (rule.Enabled && rule.Pattern is { } pattern && pattern.Matches(envelope))
                        work.AddRange(rule.Targets.Select(t => (rule, t)));
                }
            }

            if (work.Count == 0)
            {
                _delivered.Writer.TryWrite(stored.Sequence);
                return;
            }

            var task = DeliverAllAsync(stored, envelope, work, ct);
            _running.TryAdd(task, 0);
            _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch (JsonTextException e)
        {
            _onError?.Invoke($"event {stored.Id} is not JSON; dropped", e);
            _delivered.Writer.TryWrite(stored.Sequence);
        }
    }

    private async Task DeliverAllAsync(StoredEvent stored, JObject envelope, List<(EventRule Rule, JObject Target)> work, CancellationToken ct)
    {
        try
        {
            var tasks = new Task[work.Count];
            for (var i = 0; i < work.Count; i++)
                tasks[i] = DeliverAsync(stored, envelope, work[i].Rule, work[i].Target, ct);
            await Task.WhenAll(tasks).ConfigureAwait(false);
            _delivered.Writer.TryWrite(stored.Sequence);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped mid-delivery: the event stays pending and is delivered again after the restart.
        }
    }

    private async Task DeliverAsync(StoredEvent stored, JObject envelope, EventRule rule, JObject target, CancellationToken ct)
    {
        var arn = AwsInput.String(target, "Arn")!;
        string input;
        try
        {
            input = RuleInput.Build(target, envelope, stored.Json, rule, stored.ReceivedTime);
        }
        catch (JsonTextException e)
        {
            await DeadLetterAsync(stored, rule, target, "INVALID_JSON", e.Message, 0, ct).ConfigureAwait(false);
            return;
        }

        var request = new TargetRequest(arn, input)
        {
            MessageGroupId = target["SqsParameters"] is JObject sqs ? AwsInput.String(sqs, "MessageGroupId") : null,
        };
        var retry = target["RetryPolicy"] as JObject;
        var maxRetries = (retry is null ? null : AwsInput.Int(retry, "MaximumRetryAttempts")) ?? DefaultMaxRetries;
        var maxAge = TimeSpan.FromSeconds((retry is null ? null : AwsInput.Int(retry, "MaximumEventAgeInSeconds")) ?? DefaultMaxAgeSeconds);
        for (var attempt = 0; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await _targets.InvokeAsync(request, ct).ConfigureAwait(false);
                return;
            }
            catch (AwsServiceException e)
            {
                var backoff = Backoff(attempt);
                var age = _time.GetUtcNow() - stored.ReceivedTime;
                if (!Retryable(e) || attempt >= maxRetries || age + backoff > maxAge)
                {
                    await DeadLetterAsync(stored, rule, target, DeadLetterCode(e), e.Message, attempt, ct).ConfigureAwait(false);
                    return;
                }

                await Task.Delay(backoff, _time, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested)
            {
                // A fault of this server rather than an answer of the target: retried like a service fault.
                if (attempt >= maxRetries)
                {
                    await DeadLetterAsync(stored, rule, target, "INTERNAL_ERROR", e.Message, attempt, ct).ConfigureAwait(false);
                    return;
                }

                await Task.Delay(Backoff(attempt), _time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Exponential from one second, at most five minutes (AWS adds jitter; Quickstep stays deterministic).</summary>
    internal static TimeSpan Backoff(int attempt) => attempt >= 9 ? MaxBackoff : TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 1 << attempt));

    /// <summary>A missing target or a refusal of the request is not retried (it goes to the dead-letter queue at once); throttling and service faults are.</summary>
    private static bool Retryable(AwsServiceException e) =>
        !e.SenderFault || e.StatusCode >= 500 || e.Code.Contains("Throttl", StringComparison.Ordinal) || e.Code is "TooManyRequestsException" or "ExecutionLimitExceeded";

    private static string DeadLetterCode(AwsServiceException e) =>
        e.Code.Contains("NotFound", StringComparison.Ordinal) || e.Code.Contains("DoesNotExist", StringComparison.Ordinal) || e.Code.Contains("NonExistent", StringComparison.Ordinal) ? "RESOURCE_NOT_FOUND"
        : e.Code.Contains("Throttl", StringComparison.Ordinal) ? "THROTTLING"
        : e.Code.Contains("AccessDenied", StringComparison.Ordinal) ? "NO_PERMISSIONS"
        : e.SenderFault && e.StatusCode < 500 ? "SDK_CLIENT_ERROR" : "INTERNAL_ERROR";

    /// <summary>The event to the target's dead-letter queue with the attributes EventBridge adds; without one, the event is dropped.</summary>
    private async Task DeadLetterAsync(StoredEvent stored, EventRule rule, JObject target, string code, string message, int retries, CancellationToken ct)
    {
        var arn = AwsInput.String(target, "Arn")!;
        if (target["DeadLetterConfig"] is not JObject dlq || AwsInput.String(dlq, "Arn") is not { } dlqArn)
        {
            _onError?.Invoke($"event {stored.Id} for {arn} (rule {rule.Arn}) dropped: {code} {message}", new AwsServiceException(code, message));
            return;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RULE_ARN"] = rule.Arn,
            ["TARGET_ARN"] = arn,
            ["ERROR_CODE"] = code,
            ["ERROR_MESSAGE"] = message,
            ["RETRY_ATTEMPTS"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        try
        {
            await _targets.InvokeAsync(new TargetRequest(dlqArn, stored.Json) { MessageAttributes = attributes }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _onError?.Invoke($"event {stored.Id} for {arn}: dead-letter queue {dlqArn} refused it", e);
        }
    }

    /// <summary>Marks delivered events in batches: one write for all that finished since the last.</summary>
    private async Task MarkLoopAsync()
    {
        var reader = _delivered.Reader;
        var batch = new List<long>();
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 1000 && reader.TryRead(out var seq))
                batch.Add(seq);
            await _store.MarkDeliveredAsync(batch, CancellationToken.None).ConfigureAwait(false);
            foreach (var seq in batch)
                _pending.TryRemove(seq, out _);
        }
    }
}
