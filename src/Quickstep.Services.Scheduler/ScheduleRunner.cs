using System.Globalization;
using Quickstep.Aws;
using Quickstep.Aws.Hosting;
using Quickstep.Aws.Targets;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Scheduler;

/// <summary>
/// Fires due schedules on the injected clock with one loop and one timer for the earliest due time (no thread per
/// schedule). A due run is written as a pending delivery in the same transaction that advances the schedule's next
/// run, and the delivery row is removed once the target took it, so each run is delivered once, also across
/// restarts. Runs missed while the server was down are delivered late if they are younger than the target's
/// MaximumEventAgeInSeconds (AWS keeps retrying an undelivered event that long) and dropped otherwise.
/// </summary>
public sealed class ScheduleRunner : IAsyncDisposable
{
    private const int MaxRunsPerAdvance = 1000;
    private readonly IScheduleStore _store;
    private readonly SchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly WakeSignal _wake = new();
    private Task? _loop;

    internal ScheduleRunner(IScheduleStore store, SchedulerOptions options)
    {
        _store = store;
        _options = options;
        _time = options.TimeProvider;
    }

    /// <summary>Runs delivered so far (for tests and benchmarks).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Runs dropped because they were older than MaximumEventAgeInSeconds when the runner reached them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    private long _delivered;
    private long _dropped;

    /// <summary>Raised after each delivery attempt that the target accepted: schedule ARN, scheduled time, time delivered.</summary>
    public event Action<string, DateTimeOffset, DateTimeOffset>? RunDelivered;

    /// <summary>Starts the loop.</summary>
    public void Start() => _loop ??= Task.Run(() => LoopAsync(_stop.Token));

    /// <summary>Re-reads the earliest due time (a schedule was created or changed).</summary>
    public void Wake() => _wake.Set();

    /// <summary>Processes everything due now, once; returns how many schedules and deliveries it handled.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        // One pass at a time: two passes could read the same pending delivery and deliver it twice.
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var handled = 0;
            while (true)
            {
                var now = _time.GetUtcNow();
                var advanced = await AdvanceDueAsync(now, cancellationToken).ConfigureAwait(false);
                var delivered = await DeliverDueAsync(now, cancellationToken).ConfigureAwait(false);
                handled += advanced + delivered;
                if (advanced == 0 && delivered == 0)
                    return handled;
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stop.Dispose();
        _wake.Dispose();
        _pass.Dispose();
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var wake = _wake.Arm();
            try
            {
                await RunDueAsync(stop).ConfigureAwait(false);
                var earliest = await _store.EarliestDueAsync(stop).ConfigureAwait(false);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, wake);
                var delay = earliest is { } at ? at - _time.GetUtcNow() : Timeout.InfiniteTimeSpan;
                if (delay == Timeout.InfiniteTimeSpan || delay > TimeSpan.Zero)
                    await Task.Delay(delay, _time, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                // Woken: a schedule changed.
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // the loop must survive a store hiccup; it retries after a pause.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _options.OnDeliveryFailed?.Invoke("scheduler loop", e);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<int> AdvanceDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = await _store.ListDueSchedulesAsync(now, _options.BatchSize, ct).ConfigureAwait(false);
        if (due.Count == 0)
            return 0;
        var advances = new List<ScheduleAdvance>(due.Count);
        foreach (var schedule in due)
            advances.Add(Advance(schedule, now));
        await _store.AdvanceAsync(advances, ct).ConfigureAwait(false);
        return due.Count;
    }

    private ScheduleAdvance Advance(ScheduleRecord schedule, DateTimeOffset now)
    {
        var expected = schedule.NextFire!.Value;
        var definition = ScheduleDefinition.FromDocument((JObject)JsonText.Parse(schedule.Json));
        var timeline = definition.Timeline;
        DateTimeOffset? run = expected;
        var oldest = now - TimeSpan.FromSeconds(definition.MaximumEventAgeInSeconds);
        if (run < oldest)
        {
            // Missed for longer than the event may live (the server was down): these runs are dropped, as AWS drops an event past its age.
            var resume = timeline.FirstAtOrAfter(oldest);
            var skipped = 0L;
            for (var r = run; r is not null && r < oldest && skipped < 1_000_000; r = timeline.NextAfter(r.Value))
                skipped++;
            Interlocked.Add(ref _dropped, skipped);
            run = resume;
        }

        var runs = new List<DateTimeOffset>();
        while (run is { } r && r <= now && runs.Count < MaxRunsPerAdvance)
        {
            runs.Add(r);
            run = timeline.NextAfter(r);
        }

        var last = run is null;
        var payload = DeliveryPayload(schedule.Arn, definition);
        var deliveries = new List<ScheduleDeliveryRecord>(runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var offset = definition.WindowMinutes > 0 ? TimeSpan.FromMinutes(definition.WindowMinutes * _options.Random()) : TimeSpan.Zero;
            deliveries.Add(new ScheduleDeliveryRecord
            {
                GroupName = schedule.GroupName,
                Name = schedule.Name,
                ScheduledTime = runs[i],
                Due = runs[i] + offset,
                Json = payload,
                DeleteScheduleAfter = last && i == runs.Count - 1 && definition.ActionAfterCompletion == "DELETE",
            });
        }

        return new ScheduleAdvance(schedule.GroupName, schedule.Name, expected, run, deliveries);
    }

    private static string DeliveryPayload(string arn, ScheduleDefinition definition) => JObject.Create(
    [
        new("ScheduleArn", JString.Create(arn)),
        new("Target", definition.Target),
        new("MaximumRetryAttempts", JNumber.Create(definition.MaximumRetryAttempts)),
        new("MaximumEventAgeInSeconds", JNumber.Create(definition.MaximumEventAgeInSeconds)),
    ]).ToJson();

    private async Task<int> DeliverDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = await _store.ListDueDeliveriesAsync(now, _options.BatchSize, ct).ConfigureAwait(false);
        if (due.Count == 0)
            return 0;
        var outcomes = await Task.WhenAll(due.Select(d => DeliverAsync(d, now, ct))).ConfigureAwait(false);
        var done = new List<ScheduleDeliveryRecord>(due.Count);
        for (var i = 0; i < due.Count; i++)
        {
            if (outcomes[i] is { } retryAt)
                await _store.RetryDeliveryAsync(due[i].Id, retryAt, due[i].Attempts + 1, ct).ConfigureAwait(false);
            else
                done.Add(due[i]);
        }

        await _store.CompleteDeliveriesAsync(done, ct).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>Null when the run is finished (delivered or dead-lettered); otherwise when to try again.</summary>
    private async Task<DateTimeOffset?> DeliverAsync(ScheduleDeliveryRecord delivery, DateTimeOffset now, CancellationToken ct)
    {
        var payload = (JObject)JsonText.Parse(delivery.Json);
        var scheduleArn = ((JString)payload["ScheduleArn"]!).Value;
        var target = (JObject)payload["Target"]!;
        var input = ContextAttributes(target["Input"] is JString s ? s.Value : "{}", scheduleArn, delivery);
        var request = new TargetRequest(((JString)target["Arn"]!).Value, input)
        {
            MessageGroupId = target["SqsParameters"] is JObject sqs && sqs["MessageGroupId"] is JString g ? g.Value : null,
        };
        try
        {
            var invoker = _options.Targets ?? throw new InvalidOperationException("SchedulerOptions.Targets is not set.");
            await invoker.InvokeAsync(request, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _delivered);
            RunDelivered?.Invoke(scheduleArn, delivery.ScheduledTime, _time.GetUtcNow());
            return null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a target's failure is retried or dead-lettered, never the runner's.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var attempts = delivery.Attempts + 1;
            var maxRetries = payload["MaximumRetryAttempts"] is JNumber r && r.TryGetInt32(out var mr) ? mr : ScheduleDefinition.DefaultMaximumRetryAttempts;
            var maxAge = payload["MaximumEventAgeInSeconds"] is JNumber a && a.TryGetInt32(out var ma) ? ma : ScheduleDefinition.DefaultMaximumEventAgeInSeconds;
            // Exponential backoff from 1 s, at most 5 minutes between attempts.
            var retryAt = now + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, delivery.Attempts)));
            if (attempts <= maxRetries && retryAt - delivery.ScheduledTime < TimeSpan.FromSeconds(maxAge))
                return retryAt;
            _options.OnDeliveryFailed?.Invoke(scheduleArn, e);
            await DeadLetterAsync(target, input, e, attempts, ct).ConfigureAwait(false);
            return null;
        }
    }

    private async Task DeadLetterAsync(JObject target, string input, Exception error, int attempts, CancellationToken ct)
    {
        if (target["DeadLetterConfig"] is not JObject dlq || dlq["Arn"] is not JString arn || _options.Targets is null)
            return;
        try
        {
            // The dead-letter message carries the target's input; the error is in Scheduler's message attributes on AWS, here in a wrapper-free body.
            await _options.Targets.InvokeAsync(new TargetRequest(arn.Value, input), ct).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            _options.OnDeliveryFailed?.Invoke(arn.Value + " (dead-letter queue, after " + attempts.ToString(CultureInfo.InvariantCulture) + " attempts: " + error.Message + ")", e);
        }
    }

    /// <summary>Scheduler's context attributes in a target's Input.</summary>
    private static string ContextAttributes(string input, string scheduleArn, ScheduleDeliveryRecord delivery)
    {
        if (!input.Contains("<aws.scheduler.", StringComparison.Ordinal))
            return input;
        return input
            .Replace("<aws.scheduler.schedule-arn>", scheduleArn, StringComparison.Ordinal)
            .Replace("<aws.scheduler.scheduled-time>", delivery.ScheduledTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("<aws.scheduler.execution-id>", delivery.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("<aws.scheduler.attempt-number>", (delivery.Attempts + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
