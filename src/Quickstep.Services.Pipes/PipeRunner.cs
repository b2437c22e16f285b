using System.Collections.Concurrent;
using Quickstep.Aws;
using Quickstep.Aws.Targets;
using Quickstep.Json;

namespace Quickstep.Services.Pipes;

/// <summary>
/// Runs the pipes that should be RUNNING: for each, a few async loops long-poll the source queue through the SQS
/// service (no thread each), filter the records, call the enrichment, deliver to the target and delete what was
/// processed. A REQUEST_RESPONSE state machine deletes a batch only when its execution succeeded (or the output's
/// batchItemFailures name the failed messages); the rest becomes visible again and, after the queue's
/// maxReceiveCount, moves to its dead-letter queue.
/// </summary>
internal sealed class PipeRunner : IAsyncDisposable
{
    private readonly PipesOptions _options;
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _generation;

    public PipeRunner(PipesOptions options) => _options = options;

    public long Processed => Interlocked.Read(ref _processed);

    private long _processed;

    /// <summary>Counts every start: a pipe started after a look at the store has a higher one than that look's.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The pipes polled now, with the stored document each was started from and when.</summary>
    public IReadOnlyList<(string Name, string Version, long Generation)> Pipes => [.. _running.Select(r => (r.Key, r.Value.Version, r.Value.Generation))];

    /// <param name="version">The stored document it runs (<see cref="Storage.PipeRecord.Json"/>): another document for the same name restarts it.</param>
    public void Start(PipeDefinition pipe, string arn, string version)
    {
        lock (_gate)
        {
            Stop(pipe.Name);
            var stop = new CancellationTokenSource();
            var loops = new Task[Math.Max(1, _options.PollersPerPipe)];
            for (var i = 0; i < loops.Length; i++)
                loops[i] = Task.Run(() => PollAsync(pipe, arn, stop.Token));
            _running[pipe.Name] = new Running(stop, loops, version, Interlocked.Increment(ref _generation));
        }
    }

    public void Stop(string name)
    {
        lock (_gate)
        {
            if (_running.TryRemove(name, out var running))
            {
                running.Stop.Cancel();
                _ = Task.WhenAll(running.Loops).ContinueWith(_ => running.Stop.Dispose(), TaskScheduler.Default);
            }
        }
    }

    /// <summary>Stops the pipe only if it still runs what a look at the store older than <paramref name="generation"/> saw.</summary>
    public void StopIfOlder(string name, long generation)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(name, out var running) && running.Generation <= generation)
                Stop(name);
        }
    }

    private sealed record Running(CancellationTokenSource Stop, Task[] Loops, string Version, long Generation);

    public async ValueTask DisposeAsync()
    {
        var all = _running.Values.ToList();
        _running.Clear();
        foreach (var r in all)
            await r.Stop.CancelAsync().ConfigureAwait(false);
        foreach (var r in all)
        {
            try
            {
                await Task.WhenAll(r.Loops).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }

            r.Stop.Dispose();
        }
    }

    private async Task PollAsync(PipeDefinition pipe, string arn, CancellationToken stop)
    {
        var sqs = _options.Sqs ?? throw new InvalidOperationException("PipesOptions.Sqs is not set.");
        var parts = pipe.Source.Split(':');
        string? queueUrl = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                queueUrl ??= ((JString)((JObject)await sqs.InvokeAsync("GetQueueUrl", Obj(("QueueName", parts[5]), ("QueueOwnerAWSAccountId", parts[4])), stop).ConfigureAwait(false))["QueueUrl"]!).Value;
                var batch = await ReceiveBatchAsync(sqs, queueUrl, pipe, stop).ConfigureAwait(false);
                if (batch.Count > 0)
                    await ProcessAsync(sqs, queueUrl, pipe, arn, batch, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a poller survives a missing queue or a failing target; it waits and polls again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _options.OnError?.Invoke(pipe.Name, e);
                queueUrl = null;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _options.TimeProvider, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Up to BatchSize messages: one long poll, then more within MaximumBatchingWindowInSeconds.</summary>
    private async Task<List<JObject>> ReceiveBatchAsync(IAwsService sqs, string queueUrl, PipeDefinition pipe, CancellationToken stop)
    {
        var batch = new List<JObject>();
        var deadline = _options.TimeProvider.GetUtcNow() + TimeSpan.FromSeconds(pipe.BatchingWindowSeconds);
        while (batch.Count < pipe.BatchSize)
        {
            var remaining = deadline - _options.TimeProvider.GetUtcNow();
            var wait = batch.Count == 0 ? 20 : (int)Math.Clamp(Math.Ceiling(remaining.TotalSeconds), 0, 20);
            if (batch.Count > 0 && remaining <= TimeSpan.Zero)
                break;
            var received = (JObject)await sqs.InvokeAsync("ReceiveMessage", JObject.Create(
            [
                new("QueueUrl", JString.Create(queueUrl)),
                new("MaxNumberOfMessages", JNumber.Create(Math.Min(10, pipe.BatchSize - batch.Count))),
                new("WaitTimeSeconds", JNumber.Create(wait)),
                new("MessageSystemAttributeNames", JArray.Create(JString.Create("All"))),
                new("MessageAttributeNames", JArray.Create(JString.Create("All"))),
            ]), stop).ConfigureAwait(false);
            if (received["Messages"] is not JArray messages || messages.Count == 0)
            {
                if (batch.Count > 0 || pipe.BatchingWindowSeconds == 0)
                    break;
                continue;
            }

            foreach (var m in messages)
                batch.Add((JObject)m);
            if (pipe.BatchingWindowSeconds == 0)
                break;
        }

        return batch;
    }

    private async Task ProcessAsync(IAwsService sqs, string queueUrl, PipeDefinition pipe, string arn, List<JObject> messages, CancellationToken stop)
    {
        var region = pipe.Source.Split(':')[3];
        var records = messages.Select(m => PipeRecords.FromSqs(m, pipe.Source, region)).ToList();
        var done = new List<JObject>(messages.Count);
        var kept = new List<(JObject Message, JObject Record)>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            // Filtered-out records are deleted, as Pipes does for SQS sources.
            if (pipe.Filters.Count == 0 || pipe.Filters.Any(f => f.Matches(PipeRecords.ForFiltering(records[i]))))
                kept.Add((messages[i], records[i]));
            else
                done.Add(messages[i]);
        }

        if (kept.Count > 0)
        {
            var targets = _options.Targets ?? throw new InvalidOperationException("PipesOptions.Targets is not set.");
            var reserved = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["aws.pipes.pipe-arn"] = arn,
                ["aws.pipes.pipe-name"] = pipe.Name,
                ["aws.pipes.source-arn"] = pipe.Source,
                ["aws.pipes.enrichment-arn"] = pipe.Enrichment ?? string.Empty,
                ["aws.pipes.target-arn"] = pipe.Target,
                ["aws.pipes.event.ingestion-time"] = _options.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            };
            JValue events = JArray.Create(kept.Select(k => (JValue)k.Record));
            if (pipe.Enrichment is { } enrichment)
            {
                var enrichmentInput = pipe.EnrichmentInputTemplate is { } et
                    ? JArray.Create(kept.Select(k => JsonText.Parse(PipeInputTemplate.Render(et, k.Record, reserved))))
                    : events;
                events = await EnrichAsync(targets, enrichment, enrichmentInput, stop).ConfigureAwait(false);
            }

            var input = pipe.InputTemplate is { } template && events is JArray array
                ? JArray.Create(array.Select(e => JsonText.Parse(PipeInputTemplate.Render(template, e as JObject ?? JObject.Empty, reserved)))).ToJson()
                : events.ToJson();
            var result = await targets.InvokeAsync(new TargetRequest(pipe.Target, input) { Synchronous = pipe.Synchronous }, stop).ConfigureAwait(false);
            var failed = Failures(result, pipe.Synchronous);
            if (failed is null)
            {
                done.AddRange(kept.Select(k => k.Message));
            }
            else
            {
                // batchItemFailures: only the named messages stay; a failed execution without them keeps the whole batch.
                done.AddRange(kept.Where(k => failed.Count > 0 && !failed.Contains(((JString)k.Message["MessageId"]!).Value)).Select(k => k.Message));
            }

            Interlocked.Add(ref _processed, kept.Count);
        }

        if (done.Count > 0)
            await DeleteAsync(sqs, queueUrl, done, stop).ConfigureAwait(false);
    }

    /// <summary>Null when everything succeeded; the failed message ids otherwise (empty: the whole batch failed).</summary>
    private static HashSet<string>? Failures(JValue result, bool synchronous)
    {
        if (!synchronous || result is not JObject o)
            return null;
        if (o["status"] is JString status && status.Value != "SUCCEEDED")
            return [];
        if (o["output"] is JString output && output.Value.Contains("batchItemFailures", StringComparison.Ordinal)
            && JsonText.TryParse(output.Value, out var parsed, out _) && parsed is JObject p && p["batchItemFailures"] is JArray failures && failures.Count > 0)
        {
            return [.. failures.OfType<JObject>().Select(f => f["itemIdentifier"] is JString id ? id.Value : string.Empty)];
        }

        return null;
    }

    private static async Task<JValue> EnrichAsync(ITargetInvoker targets, string enrichment, JValue input, CancellationToken stop)
    {
        var result = await targets.InvokeAsync(new TargetRequest(enrichment, input.ToJson()) { Synchronous = true }, stop).ConfigureAwait(false);
        if (result is JObject o && o["status"] is JString status)
        {
            if (status.Value != "SUCCEEDED")
                throw new AwsServiceException("EnrichmentFailed", $"Enrichment {enrichment} ended {status.Value}.", 500, false);
            return o["output"] is JString output ? JsonText.Parse(output.Value) : JValue.Null;
        }

        if (result is JObject lambda && lambda["Payload"] is { } payload)
            return payload is JString text && JsonText.TryParse(text.Value, out var parsed, out _) ? parsed! : payload;
        return result;
    }

    private static async Task DeleteAsync(IAwsService sqs, string queueUrl, List<JObject> messages, CancellationToken stop)
    {
        for (var start = 0; start < messages.Count; start += 10)
        {
            var entries = messages.Skip(start).Take(10).Select((m, i) => (JValue)JObject.Create(
            [
                new("Id", JString.Create(i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                new("ReceiptHandle", m["ReceiptHandle"]!),
            ]));
            await sqs.InvokeAsync("DeleteMessageBatch", Obj(("QueueUrl", queueUrl)).With("Entries", JArray.Create(entries)), stop).ConfigureAwait(false);
        }
    }

    private static JObject Obj(params (string Name, string Value)[] members) =>
        JObject.Create(members.Select(m => new KeyValuePair<string, JValue>(m.Name, JString.Create(m.Value))));
}
