namespace Quickstep.Schedules;

/// <summary><c>at(yyyy-mm-ddThh:mm:ss)</c>: one run at a wall-clock time in the schedule's time zone.</summary>
public sealed class AtExpression : ScheduleExpression
{
    internal AtExpression(string text, DateTime localTime)
        : base(text) => LocalTime = localTime;

    /// <summary>The wall-clock time (kind Unspecified).</summary>
    public DateTime LocalTime { get; }

    /// <inheritdoc />
    public override bool IsOneTime => true;

    /// <summary>
    /// The instant of <see cref="LocalTime"/> in <paramref name="timeZone"/>. A time that a spring-forward skips runs at the
    /// same distance after the change (02:30 → 03:30): a one-time schedule must still run once; an ambiguous fall-back time
    /// runs at its first occurrence.
    /// </summary>
    public DateTimeOffset InstantIn(TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (timeZone.IsInvalidTime(LocalTime))
        {
            // The offset before the gap maps the skipped wall time to the instant it would have had: e.g. 02:30 EST = 03:30 EDT.
            var before = timeZone.GetUtcOffset(LocalTime.AddHours(-3));
            return new DateTimeOffset(LocalTime - before, TimeSpan.Zero);
        }

        return ZonedTime.ToInstant(LocalTime, timeZone);
    }
}
