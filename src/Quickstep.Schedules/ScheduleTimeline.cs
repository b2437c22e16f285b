namespace Quickstep.Schedules;

/// <summary>
/// A schedule's expression with its time zone, StartDate, EndDate and rate anchor: answers "when is the next run after t".
/// Runs fall at or after StartDate and strictly before EndDate; one-time <c>at()</c> schedules ignore both, as AWS does.
/// </summary>
public sealed class ScheduleTimeline
{
    /// <summary>Creates a timeline.</summary>
    /// <param name="expression">The parsed expression.</param>
    /// <param name="timeZone">ScheduleExpressionTimezone (UTC when not given); rate() ignores it.</param>
    /// <param name="startDate">StartDate: no run before it; for rate() also the first run.</param>
    /// <param name="endDate">EndDate: no run at or after it.</param>
    /// <param name="rateAnchor">For rate() without StartDate: when the schedule was created (its first run).</param>
    public ScheduleTimeline(ScheduleExpression expression, TimeZoneInfo timeZone, DateTimeOffset? startDate, DateTimeOffset? endDate, DateTimeOffset rateAnchor)
    {
        Expression = expression ?? throw new ArgumentNullException(nameof(expression));
        TimeZone = timeZone ?? throw new ArgumentNullException(nameof(timeZone));
        StartDate = startDate;
        EndDate = endDate;
        RateAnchor = rateAnchor;
    }

    /// <summary>The expression.</summary>
    public ScheduleExpression Expression { get; }

    /// <summary>The time zone the expression is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>StartDate, if any.</summary>
    public DateTimeOffset? StartDate { get; }

    /// <summary>EndDate, if any.</summary>
    public DateTimeOffset? EndDate { get; }

    /// <summary>The anchor of rate() when there is no StartDate.</summary>
    public DateTimeOffset RateAnchor { get; }

    /// <summary>The first run strictly after <paramref name="after"/>, or null when the schedule has no run left.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        DateTimeOffset? next;
        switch (Expression)
        {
            case AtExpression at:
                var instant = at.InstantIn(TimeZone);
                return instant > after ? instant : null;
            case RateExpression rate:
                next = rate.NextAfter(StartDate ?? RateAnchor, after);
                break;
            case CronExpression cron:
                var from = StartDate is { } start && start > after ? start - TimeSpan.FromTicks(1) : after;
                next = cron.NextAfter(from, TimeZone);
                break;
            default:
                throw new InvalidOperationException("unknown expression type");
        }

        return next is { } value && EndDate is { } end && value >= end ? null : next;
    }

    /// <summary>The first run at or after <paramref name="from"/> (e.g. creation, or re-enabling).</summary>
    public DateTimeOffset? FirstAtOrAfter(DateTimeOffset from) => NextAfter(from - TimeSpan.FromTicks(1));
}
