using Quickstep.Json;
using Quickstep.Schedules;

namespace Quickstep.Services.Events.Rules;

/// <summary>
/// Fires the enabled rules with a ScheduleExpression when due, on the injected clock: each run is one
/// "Scheduled Event" (source <c>aws.events</c>) for that rule's targets only
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html). rate() counts from when the
/// rule was put (or the server started); runs due while the server was down are not made up.
/// </summary>
internal sealed class RuleScheduler
{
    private readonly Func<IEnumerable<EventRule>> _rules;
    private readonly Func<EventRule, DateTimeOffset, Task> _fire;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (EventRule Rule, ScheduleTimeline Timeline, DateTimeOffset? Next)> _due = new(StringComparer.Ordinal);
    private CancellationTokenSource _wake = new();

    public RuleScheduler(Func<IEnumerable<EventRule>> rules, Func<EventRule, DateTimeOffset, Task> fire, TimeProvider time)
    {
        _rules = rules;
        _fire = fire;
        _time = time;
    }

    /// <summary>The rules changed: look at them again now.</summary>
    public void Refresh() => Volatile.Read(ref _wake).Cancel();

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wake = new CancellationTokenSource();
            Interlocked.Exchange(ref _wake, wake).Dispose();
            var now = _time.GetUtcNow();
            Sync(now);
            foreach (var (arn, entry) in _due.ToList())
            {
                if (entry.Next is { } next && next <= now)
                {
                    await _fire(entry.Rule, next).ConfigureAwait(false);
                    _due[arn] = entry with { Next = entry.Timeline.NextAfter(now) };
                }
            }

            var earliest = _due.Values.Select(e => e.Next).Where(n => n is not null).Min();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, wake.Token);
            try
            {
                await Task.Delay(earliest is { } e ? Max(e - now, TimeSpan.Zero) : Timeout.InfiniteTimeSpan, _time, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Woken by a rule change.
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Keeps the due times of unchanged rules; a new or changed rule counts from now.</summary>
    private void Sync(DateTimeOffset now)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in _rules())
        {
            if (!rule.Enabled || rule.Json["ScheduleExpression"] is not JString text)
                continue;
            seen.Add(rule.Arn);
            if (_due.TryGetValue(rule.Arn, out var known) && ReferenceEquals(known.Rule.Json["ScheduleExpression"], text) && known.Rule.Enabled)
            {
                _due[rule.Arn] = known with { Rule = rule };
                continue;
            }

            if (!ScheduleExpression.TryParse(text.Value, ScheduleExpressionDialect.EventBridgeRule, out var expression, out _))
                continue;
            var timeline = new ScheduleTimeline(expression!, TimeZoneInfo.Utc, null, null, now);
            _due[rule.Arn] = (rule, timeline, timeline.NextAfter(now));
        }

        foreach (var arn in _due.Keys.Where(a => !seen.Contains(a)).ToList())
            _due.Remove(arn);
    }
}
