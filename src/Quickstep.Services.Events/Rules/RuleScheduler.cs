using Quickstep.Aws.Hosting;
using Quickstep.Json;
using Quickstep.Schedules;

namespace Quickstep.Services.Events.Rules;

/// <summary>
/// Fires the enabled rules with a ScheduleExpression when due, on the injected clock: each run is one
/// "Scheduled Event" (source <c>aws.events</c>) for that rule's targets only
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html). rate() counts from when the
/// schedule was put or enabled (<see cref="EventRule.ScheduleSince"/>, stored with the rule, so a node that takes the
/// scheduling over keeps the same due times); runs due while no node scheduled are not made up. It reads the rules
/// again (<c>refresh</c>) before each look and at least every <c>poll</c>.
/// </summary>
internal sealed class RuleScheduler
{
    private readonly Func<IEnumerable<EventRule>> _rules;
    private readonly Func<EventRule, DateTimeOffset, Task> _fire;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken, Task> _refresh;
    private readonly TimeSpan _poll;
    private readonly Dictionary<string, (EventRule Rule, ScheduleTimeline Timeline, DateTimeOffset? Next)> _due = new(StringComparer.Ordinal);
    private readonly WakeSignal _wake = new();

    /// <summary>Most runs of one rule fired in one look when the loop fell behind the clock.</summary>
    private const int MaxCatchUp = 60;

    public RuleScheduler(Func<IEnumerable<EventRule>> rules, Func<EventRule, DateTimeOffset, Task> fire, TimeProvider time, Func<CancellationToken, Task> refresh, TimeSpan poll)
    {
        _rules = rules;
        _fire = fire;
        _time = time;
        _refresh = refresh;
        _poll = poll;
    }

    /// <summary>The rules changed: look at them again now.</summary>
    public void Refresh() => _wake.Set();

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wake = _wake.Arm();
            try
            {
                await _refresh(ct).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // the scheduler must outlive a database hiccup.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                // The store did not answer: schedule with the rules known; the next poll reads them again.
            }

            var now = _time.GetUtcNow();
            Sync(now);
            foreach (var (arn, entry) in _due.ToList())
            {
                // Every due time this loop passed while it was busy fires (a bounded catch-up, never a skipped run).
                var next = entry.Next;
                for (var fired = 0; next is { } due && due <= now && fired < MaxCatchUp; fired++)
                {
                    try
                    {
                        await _fire(entry.Rule, due).ConfigureAwait(false);
                    }
#pragma warning disable CA1031 // a run the store refused is lost like a run due while no node scheduled; the next ones still fire.
                    catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                    {
                        // Nothing to retry with: the run's event could not be stored.
                    }

                    next = entry.Timeline.NextAfter(due);
                }

                if (next is { } late && late <= now)
                    next = entry.Timeline.NextAfter(now);
                _due[arn] = entry with { Next = next };
            }

            var earliest = _due.Values.Select(e => e.Next).Where(n => n is not null).Min();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, wake);
            try
            {
                await Task.Delay(earliest is { } e && e - now < _poll ? Max(e - now, TimeSpan.Zero) : _poll, _time, linked.Token).ConfigureAwait(false);
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
            // By value: a rule read again from the store is a new object with the same expression.
            if (_due.TryGetValue(rule.Arn, out var known) && known.Rule.Json["ScheduleExpression"] is JString was && was.Value == text.Value && known.Rule.Enabled
                && known.Rule.ScheduleSince == rule.ScheduleSince)
            {
                _due[rule.Arn] = known with { Rule = rule };
                continue;
            }

            if (!ScheduleExpression.TryParse(text.Value, ScheduleExpressionDialect.EventBridgeRule, out var expression, out _))
                continue;
            var timeline = new ScheduleTimeline(expression!, TimeZoneInfo.Utc, null, null, rule.ScheduleSince is { } since ? DateTimeOffset.FromUnixTimeMilliseconds(since) : now);
            _due[rule.Arn] = (rule, timeline, timeline.NextAfter(now));
        }

        foreach (var arn in _due.Keys.Where(a => !seen.Contains(a)).ToList())
            _due.Remove(arn);
    }
}
