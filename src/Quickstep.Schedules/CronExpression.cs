namespace Quickstep.Schedules;

/// <summary>
/// <c>cron(minutes hours day-of-month month day-of-week year)</c> in AWS's six-field syntax, evaluated in a time zone.
/// A wall-clock time that a spring-forward skips does not run; one that a fall-back repeats runs once, at its first
/// occurrence (AWS: "your schedule invocation gets skipped … runs only once and doesn't repeat its invocation").
/// </summary>
public sealed class CronExpression : ScheduleExpression
{
    /// <summary>The last year the year field accepts.</summary>
    public const int MaxYear = 2199;

    /// <summary>The first year the year field accepts.</summary>
    public const int MinYear = 1970;

    private readonly CronFields _fields;

    internal CronExpression(string text, CronFields fields)
        : base(text) => _fields = fields;

    /// <summary>The first run strictly after <paramref name="after"/> in <paramref name="timeZone"/>, or null when none is left (year 2199 passed).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var localAfter = TimeZoneInfo.ConvertTime(after, timeZone).DateTime;
        var date = DateOnly.FromDateTime(localAfter);

        // On the first day only candidates near the local time of 'after' can be later than it; a DST change nearby widens the margin.
        var floor = (localAfter.Hour * 60) + localAfter.Minute;
        if (timeZone.SupportsDaylightSavingTime && OffsetChangesNear(after, timeZone))
        {
            floor = Math.Max(0, floor - 180);
        }

        var firstDay = true;
        while (date.Year <= MaxYear)
        {
            if (!_fields.YearMatches(date.Year))
            {
                var year = _fields.NextYear(date.Year + 1);
                if (year > MaxYear)
                {
                    return null;
                }

                date = new DateOnly(year, 1, 1);
                firstDay = false;
                continue;
            }

            if (!_fields.MonthMatches(date.Month))
            {
                date = new DateOnly(date.Year, date.Month, 1).AddMonths(1);
                firstDay = false;
                continue;
            }

            if (_fields.DayMatches(date))
            {
                var found = FirstOnDay(date, firstDay ? floor : 0, after, timeZone);
                if (found is not null)
                {
                    return found;
                }
            }

            if (date.Year == MaxYear && date.Month == 12 && date.Day == 31)
            {
                return null;
            }

            date = date.AddDays(1);
            firstDay = false;
        }

        return null;
    }

    /// <summary>True when the expression matches the wall-clock minute (seconds ignored); for tests and tools.</summary>
    public bool Matches(DateTime local) =>
        _fields.YearMatches(local.Year) && _fields.MonthMatches(local.Month) && _fields.DayMatches(DateOnly.FromDateTime(local))
        && _fields.HourMatches(local.Hour) && _fields.MinuteMatches(local.Minute);

    private static bool OffsetChangesNear(DateTimeOffset at, TimeZoneInfo timeZone)
    {
        var offset = timeZone.GetUtcOffset(at);
        return timeZone.GetUtcOffset(at.AddDays(-1)) != offset || timeZone.GetUtcOffset(at.AddDays(1)) != offset;
    }

    private DateTimeOffset? FirstOnDay(DateOnly date, int floorMinute, DateTimeOffset after, TimeZoneInfo timeZone)
    {
        for (var hour = floorMinute / 60; hour < 24; hour++)
        {
            if (!_fields.HourMatches(hour))
            {
                continue;
            }

            var minute = hour == floorMinute / 60 ? floorMinute % 60 : 0;
            for (; minute < 60; minute++)
            {
                if (!_fields.MinuteMatches(minute))
                {
                    continue;
                }

                var local = date.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
                if (timeZone.IsInvalidTime(local))
                {
                    continue; // skipped by a spring-forward: AWS does not run it
                }

                var instant = ZonedTime.ToInstant(local, timeZone);
                if (instant > after)
                {
                    return instant;
                }
            }
        }

        return null;
    }
}
